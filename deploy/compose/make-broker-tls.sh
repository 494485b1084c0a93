#!/bin/sh
# One-shot: a development CA and the broker's server certificate (CN/SAN "mosquitto", "localhost",
# 127.0.0.1) in /tls, made once. Vehicles trust /tls/ca.crt (the simulator's --ca). In production the
# broker's certificate comes from your PKI as the Secret twins-broker-tls (deploy/k8s).
set -eu
apk add --no-cache openssl >/dev/null
cd /tls
if [ -s server.crt ]; then echo "broker TLS material exists"; exit 0; fi
openssl ecparam -name prime256v1 -genkey -noout -out ca.key
openssl req -x509 -new -key ca.key -sha256 -days 3650 -subj "/CN=Twins compose broker CA" -out ca.crt
openssl ecparam -name prime256v1 -genkey -noout -out server.key
openssl req -new -key server.key -subj "/CN=mosquitto" -out server.csr
printf 'subjectAltName=DNS:mosquitto,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > server.ext
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 -sha256 -extfile server.ext -out server.crt
rm -f server.csr server.ext ca.srl ca.key
# mosquitto (uid 1883) and the simulator (uid 1654) read these.
chmod 644 ca.crt server.crt && chmod 640 server.key && chown 1883:1883 server.key
echo "broker TLS material written"
