#!/usr/bin/env bash
# Starts the built application image (installer/target/ValueKiosk) with no display and runs its self-check:
# the demo's embedded servers on loopback, the engine on simulated readers, the first screen rendered to a PNG
# (Monocle, headless), a one-line health answer. Exit status 0 only when all of that worked.
set -euo pipefail
cd "$(dirname "$0")/.."
image=installer/target/ValueKiosk
[ -x "$image/bin/ValueKiosk" ] || { echo "no application image: run installer/build.sh app-image first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A home of its own: JavaFX unpacks its native libraries under the user's home (or javafx.cachedir).
env -u DISPLAY -u WAYLAND_DISPLAY HOME="$work/home" JAVA_TOOL_OPTIONS="-Djavafx.cachedir=$work/javafx" \
    "$image/bin/ValueKiosk" demo --data-dir "$work/demo" --self-check "$work/first-screen.png"
size=$(stat -c %s "$work/first-screen.png")
echo "first screen rendered by the application image: $size bytes"
[ "$size" -gt 10000 ] || { echo "the first screen is (nearly) empty" >&2; exit 1; }
