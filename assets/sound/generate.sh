#!/usr/bin/env bash
# Generates the spoken guidance of the kiosk from the message bundles:
#   assets/src/main/resources/com/valuekiosk/assets/sound/{ja,en}/<message key>.wav
# one mono 16 kHz 16-bit PCM WAV per spoken key and language (see README.md beside this script).
#
# Needs: espeak-ng (speech), kakasi (kanji -> kana: espeak-ng's Japanese voice reads kana only), sox (resampling).
#   apt-get install -y espeak-ng kakasi sox
# Run from anywhere; it rewrites every file and removes sound files of keys no longer spoken.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
resources="$here/../src/main/resources/com/valuekiosk/assets"
bundles="$resources/i18n"
out="$resources/sound"

# The keys the screens speak: ScreenGuidance in kiosk-app/ui (SpokenGuidanceFilesTest keeps both lists equal).
keys=(
  menu.title
  purchase.instruction
  processing.keepCard
  receipt.title
  chargeUp.placeCard
  confirm.question
  completed.takeCard
  kept.title
  balance.title
  error.title
  takeCard.title
)

rate=16000
speed=155

for tool in espeak-ng kakasi sox; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y espeak-ng kakasi sox" >&2; exit 1; }
done

text_of() { # bundle language, key -> the text (these keys take no arguments)
  local line
  line="$(grep -m1 "^$2=" "$bundles/messages_$1.properties")" || { echo "no $2 in messages_$1" >&2; exit 1; }
  printf '%s' "${line#*=}"
}

speakable_ja() { # names in Latin letters said in katakana, the particle は as わ, kanji and katakana as hiragana
  sed -e 's/ValueKiosk/バリューキオスク/g' -e 's/VALUEは/バリューわ/g' -e 's/カードは/カードわ/g' -e 's/VALUE/バリュー/g' \
    | kakasi -JH -KH -iutf8 -outf8
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for language in ja en; do
  rm -rf "${out:?}/$language"
  mkdir -p "$out/$language"
  case "$language" in
    ja) voice=ja ;;
    en) voice=en-us ;;
  esac
  for key in "${keys[@]}"; do
    text="$(text_of "$language" "$key")"
    if [[ "$language" == ja ]]; then
      text="$(printf '%s' "$text" | speakable_ja)"
    fi
    espeak-ng -v "$voice" -s "$speed" -w "$tmp/raw.wav" -- "$text"
    # Mono 16 kHz 16-bit, silence trimmed at both ends, a little headroom; -R -D: same input, same bytes.
    sox -R -D "$tmp/raw.wav" -r "$rate" -c 1 -b 16 "$out/$language/$key.wav" \
        silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse gain -n -1
    echo "$language/$key.wav: $text"
  done
done
du -sh "$out"
