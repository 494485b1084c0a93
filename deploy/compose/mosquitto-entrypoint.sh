#!/bin/sh
# Starts mosquitto once the fleet CA exists, and reloads it (SIGHUP: re-read CA and CRL) whenever the
# silos rewrite the CRL: the silo cannot signal a broker in another container.
set -eu
echo "waiting for the fleet CA (/ca/chain.pem, /ca/crl.pem) written by the silos..."
while [ ! -s /ca/chain.pem ] || [ ! -s /ca/crl.pem ] || [ ! -s /tls/server.crt ]; do sleep 1; done
mosquitto -c /mosquitto/config/mosquitto.conf &
broker=$!
trap 'kill -TERM "$broker" 2>/dev/null; wait "$broker"; exit 0' TERM INT
last=$(stat -c %Y /ca/crl.pem)
while kill -0 "$broker" 2>/dev/null; do
  sleep 5
  now=$(stat -c %Y /ca/crl.pem 2>/dev/null || echo "$last")
  if [ "$now" != "$last" ]; then
    echo "CRL changed: reloading mosquitto"
    kill -HUP "$broker"
    last=$now
  fi
done
wait "$broker"
