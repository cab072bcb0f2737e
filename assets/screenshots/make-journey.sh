#!/usr/bin/env bash
# The README's stepwise picture of a full purchase and charge-up, made from this folder's screenshots (render them
# first: see kiosk-app/ui/README.md, "Screenshots"): an animated GIF, 640 x 400, each screen for 2 s.
#   apt-get install imagemagick && assets/screenshots/make-journey.sh [ja|en]
set -euo pipefail
cd "$(dirname "$0")"
language=${1:-en}
frames=(menu purchase_cards_missing purchase processing receipt confirm completed take_card)
files=()
for frame in "${frames[@]}"; do files+=("${frame}_${language}.png"); done
convert -delay 200 -loop 0 "${files[@]}" -resize 640x400 -layers Optimize "../running-demo/purchase_and_charge_up_${language}.gif"
echo "wrote assets/running-demo/purchase_and_charge_up_${language}.gif"
