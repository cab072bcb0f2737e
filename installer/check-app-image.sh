#!/usr/bin/env bash
# Starts the built application image of the site kiosk (installer/target/ValueKiosk) with no display, as a site
# runs it, against real servers: the servers' jar (server-stub/servers/target) in the background on loopback with
# its development PKI and demo data, a site configuration generated for that PKI, then the image's check-config
# and `run --config … --self-check`: the first screen rendered to a PNG (Monocle, headless), the engine up, both
# configured PC/SC readers found, both servers answering over mutual TLS. Exit status 0 only when all of that worked.
# Needs the servers' jar and its lib/ (./mvnw -B -ntp verify, or -DskipTests -pl server-stub/servers -am package),
# and a running pcscd with the readers the configuration names: by default vsmartcard's virtual readers
# ("Virtual PCD 00 00" / "00 01": apt-get install pcscd vsmartcard-vpcd, then pcscd; .ci/run does both), or
# CHECK_CONTACT_READER / CHECK_CONTACTLESS_READER for other ones.
set -euo pipefail
cd "$(dirname "$0")/.."
image=installer/target/ValueKiosk
[ -x "$image/bin/ValueKiosk" ] && [ -x "$image/bin/valuekiosk" ] \
    || { echo "no application image: run installer/build.sh app-image first" >&2; exit 1; }
snapshot=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
servers_jar=server-stub/servers/target/servers-$snapshot.jar
[ -f "$servers_jar" ] || { echo "no servers jar ($servers_jar): build it first" >&2; exit 1; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

work=$(mktemp -d)
servers_pid=
stop() {
  if [ -n "$servers_pid" ] && kill -0 "$servers_pid" 2>/dev/null; then
    kill "$servers_pid"
    wait "$servers_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT

# Two free loopback ports: nothing answers on them now.
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    if ! answers "$port" && [ "$port" != "${1:-}" ]; then echo "$port"; return; fi
  done
}
credit_port=$(free_port)
emoney_port=$(free_port "$credit_port")

"$java" -jar "$servers_jar" run --demo --data-dir "$work/servers" --host 127.0.0.1 \
    --credit-port "$credit_port" --emoney-port "$emoney_port" >"$work/servers.log" 2>&1 &
servers_pid=$!

# Wait until both servers listen (they create the PKI and the demo data first); give up after 120 s.
deadline=$((SECONDS + 120))
until answers "$credit_port" && answers "$emoney_port"; do
  if ! kill -0 "$servers_pid" 2>/dev/null; then
    echo "the servers stopped while starting:" >&2; tail -20 "$work/servers.log" >&2; exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "the servers did not open ports $credit_port and $emoney_port within 120 s:" >&2; tail -20 "$work/servers.log" >&2
    exit 1
  fi
  sleep 0.2
done
echo "servers up: credit company server 127.0.0.1:$credit_port, e-money server 127.0.0.1:$emoney_port"

# The site configuration a technician would write for terminal KIOSK001 (the demo data registers it).
site="$work/site"
mkdir -p "$site"
printf '%s\n' "${VALUEKIOSK_STORE_PASSWORD:-changeit}" >"$site/keystore.password"
chmod 600 "$site/keystore.password"
cat >"$site/valuekiosk.properties" <<CONFIG
credit.url=https://127.0.0.1:$credit_port
emoney.url=https://127.0.0.1:$emoney_port
tls.keystore=$work/servers/pki/terminal-KIOSK001.p12
tls.keystore.password.file=keystore.password
tls.truststore=$work/servers/pki/truststore.p12
terminal.id=KIOSK001
reader.contact=${CHECK_CONTACT_READER:-Virtual PCD 00 00}
reader.contactless=${CHECK_CONTACTLESS_READER:-Virtual PCD 00 01}
language=en
data.dir=data
CONFIG

# A home of its own: JavaFX unpacks its native libraries under the user's home (or javafx.cachedir). bin/valuekiosk is
# what the kiosk's session runs; bin/ValueKiosk, jpackage's launcher of the same command, is checked at the end.
kiosk() {
  env -u DISPLAY -u WAYLAND_DISPLAY HOME="$work/home" \
      JAVA_TOOL_OPTIONS="-Djavafx.cachedir=$work/javafx${KIOSK_JAVA_OPTIONS:+ $KIOSK_JAVA_OPTIONS}" \
      "$image/bin/valuekiosk" "$@"
}
kiosk check-config --config "$site/valuekiosk.properties"
KIOSK_JAVA_OPTIONS="-Xlog:class+load:file=$work/classes.txt" \
    kiosk run --config "$site/valuekiosk.properties" --self-check "$work/first-screen.png" | tee "$work/self-check.txt"
# Every security provider the runtime's java.security lists is in the runtime: a provider lookup that falls through
# them looks on the class path and registers BouncyCastle's provider (its signed jar verified first), 1.5 s per start.
if grep -q 'org\.bouncycastle' "$work/classes.txt"; then
  echo "the image's kiosk loaded BouncyCastle classes at start-up (a security provider missing from the runtime?):" >&2
  grep -m 3 'org\.bouncycastle' "$work/classes.txt" >&2
  exit 1
fi
# The archive of the kiosk's own classes (AppCDS), made where the image is, as the kiosk's service makes it where the
# package installs it; then the self-check again: the kiosk's classes must come from it, with no CDS warning.
env -u DISPLAY -u WAYLAND_DISPLAY HOME="$work/home" JAVA_TOOL_OPTIONS="-Djavafx.cachedir=$work/javafx" \
    FORCE=1 installer/kiosk/class-archive "$image" "$site/valuekiosk.properties"
KIOSK_JAVA_OPTIONS="-Xlog:class+load:file=$work/classes-archived.txt -Xlog:cds*=warning:file=$work/cds.txt" \
    kiosk run --config "$site/valuekiosk.properties" --self-check "$work/second-screen.png" >"$work/self-check-archived.txt"
grep -q 'self-check OK' "$work/self-check-archived.txt" \
    || { echo "the image's self-check failed with its class archive:" >&2; cat "$work/self-check-archived.txt" >&2; exit 1; }
archived=$(grep -c 'com\.valuekiosk\..* source: shared objects file (top)' "$work/classes-archived.txt" || true)
from_jars=$(grep -c 'com\.valuekiosk\..* source: file:' "$work/classes-archived.txt" || true)
echo "class archive: $archived of the kiosk's classes mapped from it, $from_jars read from jars;" \
     "$(grep -c 'source: shared objects file (top)' "$work/classes-archived.txt") classes in all from it," \
     "$(grep -c 'source: file:' "$work/classes-archived.txt") from jars"
# The same self-check as the one the archive was made over: (nearly) all of the kiosk's classes come from it.
if [ "$archived" -lt 100 ] || [ $((from_jars * 10)) -gt "$archived" ] || [ -s "$work/cds.txt" ]; then
  echo "the image's kiosk did not use its class archive ($image/lib/app/valuekiosk.jsa):" >&2
  cat "$work/cds.txt" >&2
  exit 1
fi
# A site's self-check passes with servers down (an installer may run before the network is up); here they must answer.
grep -q 'credit=UP' "$work/self-check.txt" && grep -q 'emoney=UP' "$work/self-check.txt" \
    || { echo "the image's kiosk did not reach both servers" >&2; exit 1; }
grep -q 'reader.contact "[^"]*": found' "$work/self-check.txt" && grep -q 'reader.contactless "[^"]*": found' "$work/self-check.txt" \
    || { echo "the image's kiosk did not find both readers through pcscd" >&2; exit 1; }
# The technician's launcher of the same image: the readers through pcscd, both servers with the kiosk's certificate.
[ -x "$image/bin/valuekiosk-diag" ] || { echo "the image has no valuekiosk-diag launcher" >&2; exit 1; }
env HOME="$work/home" "$image/bin/valuekiosk-diag" readers | tee "$work/diag.txt"
env HOME="$work/home" "$image/bin/valuekiosk-diag" servers --config "$site/valuekiosk.properties" | tee -a "$work/diag.txt"
grep -q '^PASS  readers' "$work/diag.txt" && [ "$(grep -c '^PASS  servers' "$work/diag.txt")" = 2 ] \
    || { echo "valuekiosk-diag of the image did not pass its reader and server checks" >&2; exit 1; }
# jpackage's launcher runs the same kiosk and maps the same class archive (same class path, same order); -Xshare:on
# fails instead of running without it. _JAVA_OPTIONS comes after the launcher's own -Xshare:auto.
env HOME="$work/home" _JAVA_OPTIONS="-Xshare:on" "$image/bin/ValueKiosk" --version | tee -a "$work/diag.txt" \
    | grep -q '^ValueKiosk kiosk ' || { echo "the image's jpackage launcher does not start the kiosk" >&2; exit 1; }
size=$(stat -c %s "$work/first-screen.png")
echo "first screen rendered by the application image: $size bytes"
[ "$size" -gt 10000 ] || { echo "the first screen is (nearly) empty" >&2; exit 1; }
