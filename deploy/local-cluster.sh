#!/usr/bin/env bash
# A local cluster of the product for manual runs, tests and benchmarks: dynalite (DynamoDB-compatible, in
# memory), mosquitto (plain MQTT on loopback), N product silos (Silo/, Twins:Cluster:Provider=DynamoDb:
# grains, GraphQL API, console) and one gateway process (Twins:Role=Gateway: the MQTT workers as a cluster
# client), each on its own loopback ports and data folder: an Orleans cluster whose membership, grain state
# and reminders live in DynamoDB. Ctrl-C or SIGTERM stops everything (the gateway and silos first, gracefully:
# silos leave the membership table).
#
# A process that dies (try: kill -9 <pid of silo2>) is reported and the rest keep running, so a failover can be
# watched. While it runs, type a command and Enter: `start N` starts silo N again (or a new one: N = the next
# number), `status` lists the processes, `stop` stops everything.
#
#   deploy/local-cluster.sh [--silos N] [--no-gateway]      (also: ./twins cluster ...)
#
#   --silos N      how many silos (default 3)
#   --no-gateway   no gateway process: silo1 runs the gateway workers itself (Gateway:Enabled=true)
#
# Environment: TWINS_DATA (folders under $TWINS_DATA/cluster), TWINS_CONFIGURATION (Debug),
# TWINS_CLUSTER_DYNAMO_PORT (8000), TWINS_CLUSTER_MQTT_PORT (1884), TWINS_CLUSTER_SILO_PORT (11111: silo i
# listens on SILO_PORT + i - 1), TWINS_CLUSTER_ORLEANS_GATEWAY_PORT (30000: silo i takes gateway processes on
# ORLEANS_GATEWAY_PORT + i - 1), TWINS_CLUSTER_HTTP_PORT (5081: silo i serves HTTP on HTTP_PORT + i - 1),
# TWINS_CLUSTER_GATEWAY_HTTP_PORT (5090).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${TWINS_DATA:-$ROOT/.twins}/cluster"
CONFIGURATION="${TWINS_CONFIGURATION:-Debug}"
DYNAMO_PORT="${TWINS_CLUSTER_DYNAMO_PORT:-8000}"
MQTT_PORT="${TWINS_CLUSTER_MQTT_PORT:-1884}"
SILO_PORT="${TWINS_CLUSTER_SILO_PORT:-11111}"
ORLEANS_GATEWAY_PORT="${TWINS_CLUSTER_ORLEANS_GATEWAY_PORT:-30000}"
HTTP_PORT="${TWINS_CLUSTER_HTTP_PORT:-5081}"
GATEWAY_HTTP_PORT="${TWINS_CLUSTER_GATEWAY_HTTP_PORT:-5090}"
SILOS=3
GATEWAY=process
export PATH="$PATH:/usr/sbin:/sbin"

die() { printf 'local-cluster: %s\n' "$*" >&2; exit 1; }
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --silos) [ $# -ge 2 ] || die "--silos needs a number"; SILOS="$2"; shift 2 ;;
    --silos=*) SILOS="${1#--silos=}"; shift ;;
    --no-gateway) GATEWAY=silo; shift ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (usage: deploy/local-cluster.sh [--silos N] [--no-gateway])" ;;
  esac
done
[[ "$SILOS" =~ ^[1-9][0-9]*$ ]] && [ "$SILOS" -le 32 ] || die "--silos must be a number from 1 to 32 (got '$SILOS')"

command -v node >/dev/null 2>&1 || die "node is required (Debian: apt-get install -y nodejs npm)"
command -v mosquitto >/dev/null 2>&1 || die "mosquitto is required (Debian: apt-get install -y mosquitto)"
command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is required (https://dot.net)"
command -v curl >/dev/null 2>&1 || die "curl is required (Debian: apt-get install -y curl)"
DYNALITE="$ROOT/tests/node_modules/dynalite/cli.js"
[ -f "$DYNALITE" ] || die "dynalite is not installed at $DYNALITE; run: (cd tests && npm ci)"
PROJECT="$ROOT/Silo"
HOST_DLL="$PROJECT/bin/$CONFIGURATION/net10.0/Twins.Silo.dll"
if [ ! -f "$HOST_DLL" ]; then
  say "Building ${PROJECT#"$ROOT"/} ($CONFIGURATION)"
  dotnet build "$PROJECT" -c "$CONFIGURATION" -nologo -clp:NoSummary -v:quiet >&2
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports=("$DYNAMO_PORT" "$MQTT_PORT" $(seq "$SILO_PORT" $((SILO_PORT + SILOS - 1))) $(seq "$ORLEANS_GATEWAY_PORT" $((ORLEANS_GATEWAY_PORT + SILOS - 1))))
ports+=($(seq "$HTTP_PORT" $((HTTP_PORT + SILOS - 1))))
[ "$GATEWAY" = process ] && ports+=("$GATEWAY_HTTP_PORT")
for port in "${ports[@]}"; do
  port_in_use "$port" && die "port $port is already in use (see the TWINS_CLUSTER_* variables in deploy/local-cluster.sh)"
done
# Membership and state live in dynalite's memory, so each run starts a new cluster; the folders keep logs
# (and certificates, which a new run replaces).
rm -rf "$DATA"
mkdir -p "$DATA"

pids=()
names=()
# Ctrl-C reaches the whole process group, but background jobs of a script have SIGINT ignored (mosquitto
# sets its own handler and exits at once), so each process gets SIGTERM from here, whatever order the
# others died in. The gateway and silos first, all at once, so silos leave the membership table while
# dynalite still answers; then mosquitto and dynalite. Whatever has not ended after its grace period is
# killed, so the prompt comes back within 10 s.
stop_all() { # status
  local status="$1" i deadline
  trap - INT TERM EXIT
  [ ${#pids[@]} -gt 0 ] || exit "$status"
  say "Stopping"
  for ((i = ${#pids[@]} - 1; i >= 2; i--)); do kill -TERM "${pids[$i]}" 2>/dev/null || true; done
  deadline=$((SECONDS + 7))
  while [ $SECONDS -lt $deadline ] && alive_from 2; do sleep 0.1; done
  for ((i = ${#pids[@]} - 1; i >= 2; i--)); do
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      printf 'local-cluster: %s (pid %s) did not stop within 7 s; killing it\n' "${names[$i]}" "${pids[$i]}" >&2
      kill -KILL "${pids[$i]}" 2>/dev/null || true
    fi
  done
  for ((i = 1; i >= 0; i--)); do [ $i -lt ${#pids[@]} ] && kill -TERM "${pids[$i]}" 2>/dev/null || true; done
  deadline=$((SECONDS + 2))
  while [ $SECONDS -lt $deadline ] && alive_from 0; do sleep 0.1; done
  for i in "${pids[@]}"; do kill -KILL "$i" 2>/dev/null || true; done
  wait 2>/dev/null || true
  exit "$status"
}
alive_from() { # index: is any process from that index on still running?
  local i
  for ((i = $1; i < ${#pids[@]}; i++)); do kill -0 "${pids[$i]}" 2>/dev/null && return 0; done
  return 1
}
# Ctrl-C and SIGTERM are the normal way to stop: exit status 0. A failure (die) keeps its status.
trap 'stop_all 0' INT TERM
trap 'stop_all $?' EXIT

start() { # name, log, command...
  local name="$1" log="$2"
  shift 2
  "$@" >"$log" 2>&1 &
  pids+=($!)
  names+=("$name")
}

wait_until() { # name, index into pids, log, probe command...
  local name="$1" index="$2" log="$3" deadline=$((SECONDS + 120))
  shift 3
  until "$@"; do
    [ $SECONDS -lt $deadline ] || die "$name was not ready within 120 s (log: $log)"
    kill -0 "${pids[$index]}" 2>/dev/null || die "$name exited during start-up (log: $log)"
    sleep 0.3
  done
}
ready() { curl -fs -o /dev/null --max-time 2 "$1/readyz"; }

start dynalite "$DATA/dynalite.log" node "$DYNALITE" --host 127.0.0.1 --port "$DYNAMO_PORT" \
  --createTableMs 0 --deleteTableMs 0 --updateTableMs 0
wait_until dynalite 0 "$DATA/dynalite.log" port_in_use "$DYNAMO_PORT"

# Plain MQTT on loopback only, settings as deploy/mosquitto/dev.conf without its mutual-TLS listener.
{
  echo "# Generated by deploy/local-cluster.sh"
  echo "per_listener_settings false"
  echo "set_tcp_nodelay true"
  echo "persistence false"
  echo "log_dest stderr"
  echo "log_type error"
  echo "log_type warning"
  echo "log_type notice"
  echo "max_queued_messages 10000"
  echo "listener $MQTT_PORT 127.0.0.1"
  echo "allow_anonymous true"
  if [ "$(id -u)" -eq 0 ]; then echo "user root"; fi
} >"$DATA/mosquitto.conf"
start mosquitto "$DATA/mosquitto.log" mosquitto -c "$DATA/mosquitto.conf"
wait_until mosquitto 1 "$DATA/mosquitto.log" port_in_use "$MQTT_PORT"

# One API signing key for every silo (a token from any silo works on all); the token command creates it.
TOKEN="$(dotnet "$HOST_DLL" token --role operator --data "$DATA")"
common=(
  --Twins:Cluster:Provider DynamoDb
  --Twins:Cluster:DynamoDb:ServiceUrl "http://127.0.0.1:$DYNAMO_PORT"
  --Twins:Cluster:AdvertisedHost 127.0.0.1
  --Twins:Api:SigningKeyFile "$DATA/dev-jwt-key"
  --Gateway:Host 127.0.0.1
  --Gateway:Port "$MQTT_PORT"
  --Logging:LogLevel:Microsoft.AspNetCore Warning
)
silo_index=() # pids index of silo i (1-based), so a restarted silo replaces its entry

start_silo() { # i: silo number (a new number adds a silo)
  local i="$1" ca gateway
  if [ "$i" -eq 1 ]; then ca=(--Twins:Cluster:CertificateAuthorityOwner true); else ca=(--Twins:Cluster:CertificateAuthoritySource "$DATA/silo1/ca"); fi
  if [ "$i" -eq 1 ] && [ "$GATEWAY" = silo ]; then gateway=true; else gateway=false; fi
  start "silo$i" "$DATA/silo$i.log" dotnet "$HOST_DLL" "${common[@]}" "${ca[@]}" \
    --urls "http://127.0.0.1:$((HTTP_PORT + i - 1))" \
    --Twins:DataDirectory "$DATA/silo$i" \
    --Twins:Silo:SiloName "silo$i" \
    --Twins:Cluster:SiloPort $((SILO_PORT + i - 1)) \
    --Twins:Cluster:GatewayPort $((ORLEANS_GATEWAY_PORT + i - 1)) \
    --Gateway:Enabled "$gateway"
  silo_index[$i]=$((${#pids[@]} - 1))
}

for ((i = 1; i <= SILOS; i++)); do start_silo "$i"; done
for ((i = 1; i <= SILOS; i++)); do
  wait_until "silo$i" "${silo_index[$i]}" "$DATA/silo$i.log" ready "http://127.0.0.1:$((HTTP_PORT + i - 1))"
done
if [ "$GATEWAY" = process ]; then
  start gateway "$DATA/gateway.log" dotnet "$HOST_DLL" "${common[@]}" \
    --Twins:Role Gateway \
    --urls "http://127.0.0.1:$GATEWAY_HTTP_PORT" \
    --Twins:DataDirectory "$DATA/gateway" \
    --Gateway:ClientIdPrefix twins-gateway-1
  wait_until gateway $((${#pids[@]} - 1)) "$DATA/gateway.log" ready "http://127.0.0.1:$GATEWAY_HTTP_PORT"
fi

status_lines() {
  local i
  for ((i = 0; i < ${#pids[@]}; i++)); do
    if kill -0 "${pids[$i]}" 2>/dev/null; then state=running; else state=exited; fi
    printf '    %-10s pid %-8s %s\n' "${names[$i]}" "${pids[$i]}" "$state"
  done
}

echo
echo "  Local cluster is running ($SILOS product silos on DynamoDB; folders and logs in $DATA)."
echo "    DynamoDB (dynalite)  http://127.0.0.1:$DYNAMO_PORT   tables TwinsMembership, TwinsGrainState, TwinsReminders, TwinsFleetIndex, TwinsTelemetry"
echo "    MQTT (mosquitto)     mqtt://127.0.0.1:$MQTT_PORT    (plain, loopback; vehicles: ./twins simulate --port $MQTT_PORT ...)"
for ((i = 1; i <= SILOS; i++)); do
  role="grains + API"
  [ "$i" -eq 1 ] && role="$role + fleet CA owner"
  [ "$i" -eq 1 ] && [ "$GATEWAY" = silo ] && role="$role + gateway workers"
  echo "    silo$i                http://127.0.0.1:$((HTTP_PORT + i - 1))/graphql   silo port $((SILO_PORT + i - 1))   ($role; pid ${pids[${silo_index[$i]}]}, log $DATA/silo$i.log)"
done
if [ "$GATEWAY" = process ]; then
  echo "    gateway              http://127.0.0.1:$GATEWAY_HTTP_PORT/readyz   (MQTT workers, Orleans client; pid ${pids[$((${#pids[@]} - 1))]}, log $DATA/gateway.log)"
fi
echo "  Operator token (12 h, valid on every silo):"
echo "    $TOKEN"
echo "  Console: http://127.0.0.1:$HTTP_PORT/#token=$TOKEN"
echo "  GraphiQL: http://127.0.0.1:$HTTP_PORT/graphql#token=$TOKEN"
echo "  A process that dies is reported and the rest keep running. Commands: start N (start silo N again, or add"
echo "  silo $((SILOS + 1))), status, stop. Ctrl-C (or SIGTERM to pid $$) stops everything."
echo

# Watch the processes once a second and take commands from the terminal. dynalite and mosquitto are the cluster's
# store and broker: without them nothing works, so their death stops everything; a silo's or the gateway's is
# reported once and the rest keep running (that is what a failover looks like).
reported=()
while true; do
  for ((i = 0; i < ${#pids[@]}; i++)); do
    if [ -z "${reported[$i]:-}" ] && ! kill -0 "${pids[$i]}" 2>/dev/null; then
      reported[$i]=1
      wait "${pids[$i]}" 2>/dev/null && code=0 || code=$?
      [ "$i" -lt 2 ] && die "${names[$i]} exited (status $code; log in $DATA); stopping the cluster"
      printf 'local-cluster: %s (pid %s) exited with status %s; the others keep running (log: %s/%s.log; start it again: start %s)\n' \
        "${names[$i]}" "${pids[$i]}" "$code" "$DATA" "${names[$i]}" "${names[$i]#silo}" >&2
    fi
  done
  if read -r -t 1 command argument 2>/dev/null; then
    case "$command" in
      start)
        if [[ "$argument" =~ ^[1-9][0-9]*$ ]] && [ "$argument" -le 32 ]; then
          if [ -n "${silo_index[$argument]:-}" ] && kill -0 "${pids[${silo_index[$argument]}]}" 2>/dev/null; then
            echo "silo$argument is running (pid ${pids[${silo_index[$argument]}]})"
          else
            start_silo "$argument"
            echo "silo$argument starting (pid ${pids[${silo_index[$argument]}]}, http://127.0.0.1:$((HTTP_PORT + argument - 1)), log $DATA/silo$argument.log)"
          fi
        else
          echo "usage: start N (a silo number from 1 to 32)"
        fi ;;
      status) status_lines ;;
      stop) stop_all 0 ;;
      "") ;;
      *) echo "commands: start N, status, stop" ;;
    esac
  elif [ $? -le 128 ]; then
    # Standard input ended (not a terminal, or closed): keep watching without commands.
    exec </dev/null
    sleep 1
  fi
done
