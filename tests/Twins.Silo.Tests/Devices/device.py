"""A vehicle written with paho-mqtt 1.6 (not Twins' client), driven by a JSON plan on stdin.

argv: host port client_id [ca_file cert_file key_file]   (the three files: mutual TLS with that certificate)
Plan steps (run in order):
  {"subscribe": "<filter>"}                         subscribe at QoS 1
  {"publish": "<topic>", "payload": "<text>", "retain": false}
  {"expect": N}                                     wait until N messages were received in total
  {"connected": V}                                  publish our own connected lifecycle event (versionNumber V)
  {"respond": "<STATUS>", "result": {...}}          wait for an unanswered command request, answer it on its
                                                    Response Topic with its Correlation Data
Output: one JSON line per received message {"topic","payload","expiry","responseTopic","correlation","retain"}.
Exit 2 when a wait times out (after printing what was received).
"""
import json, sys, threading, time
import paho.mqtt.client as mqtt
from paho.mqtt.properties import Properties
from paho.mqtt.packettypes import PacketTypes

host, port, client_id = sys.argv[1], int(sys.argv[2]), sys.argv[3]
plan = json.load(sys.stdin)
received, answered = [], set()
cond = threading.Condition()

def on_message(client, userdata, msg):
    props = getattr(msg, "properties", None)
    record = {
        "topic": msg.topic,
        "payload": msg.payload.decode("utf-8", "replace"),
        "retain": bool(msg.retain),
        "expiry": getattr(props, "MessageExpiryInterval", None) if props else None,
        "responseTopic": getattr(props, "ResponseTopic", None) if props else None,
        "correlation": getattr(props, "CorrelationData", b"").decode() if props and hasattr(props, "CorrelationData") else None,
    }
    with cond:
        received.append(record)
        cond.notify_all()

def wait_for(predicate, what):
    deadline = time.monotonic() + 20
    with cond:
        while not predicate():
            left = deadline - time.monotonic()
            if left <= 0:
                for r in received: print(json.dumps(r))
                print("TIMEOUT waiting for " + what, file=sys.stderr)
                sys.exit(2)
            cond.wait(left)

client = mqtt.Client(client_id=client_id, protocol=mqtt.MQTTv5)
client.on_message = on_message
if len(sys.argv) >= 7:
    client.tls_set(ca_certs=sys.argv[4], certfile=sys.argv[5], keyfile=sys.argv[6])
connected = threading.Event()
client.on_connect = lambda c, u, f, rc, p=None: connected.set()
client.connect(host, port, keepalive=60)
client.loop_start()
if not connected.wait(20):
    print("TIMEOUT connecting", file=sys.stderr); sys.exit(2)

for step in plan:
    if "subscribe" in step:
        sub_done = threading.Event()
        client.on_subscribe = lambda c, u, mid, rc, p=None: sub_done.set()
        client.subscribe(step["subscribe"], qos=1)
        sub_done.wait(20)
    elif "publish" in step:
        client.publish(step["publish"], step.get("payload", ""), qos=1, retain=step.get("retain", False)).wait_for_publish(20)
    elif "connected" in step:
        event = {"clientId": client_id, "timestamp": int(time.time() * 1000), "eventType": "connected",
                 "sessionIdentifier": "s-%d" % step["connected"], "principalIdentifier": "cert-1",
                 "ipAddress": "127.0.0.1", "versionNumber": step["connected"]}
        client.publish("$aws/events/presence/connected/" + client_id, json.dumps(event), qos=1).wait_for_publish(20)
    elif "expect" in step:
        n = step["expect"]
        wait_for(lambda: len(received) >= n, "%d messages" % n)
    elif "respond" in step:
        def pending():
            return [r for r in received if r["topic"].endswith("/request/json") and r["topic"] not in answered]
        wait_for(lambda: len(pending()) > 0, "a command request")
        request = pending()[0]
        answered.add(request["topic"])
        props = Properties(PacketTypes.PUBLISH)
        props.CorrelationData = (request["correlation"] or "").encode()
        body = {"status": step["respond"]}
        if "result" in step: body["result"] = step["result"]
        client.publish(request["responseTopic"], json.dumps(body), qos=1, properties=props).wait_for_publish(20)

for r in received:
    print(json.dumps(r))
client.loop_stop()
client.disconnect()
