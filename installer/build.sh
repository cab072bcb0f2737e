#!/usr/bin/env bash
# Builds what goes onto kiosks and server hosts, into installer/target/:
#   app-image  the site kiosk as a self-contained application image (jlink runtime + jars), ValueKiosk/;
#              it holds no simulator and no servers (checked: the build fails if it finds them)
#   deb        the kiosk's Debian package (the app image, the kiosk session, the site configuration)
#   servers    the servers' Debian package (runnable jar + libraries, service units; the card issuer's CAP file
#              of our applets, the valuekiosk-cap tool that dumps and verifies it, and valuekiosk-cards that
#              personalises blank cards over PC/SC)
#   all        all three (default)
# Needs JDK 17 with jlink and jpackage; the .deb steps need dpkg-deb (Debian's dpkg package).
# The jars are built first (tests skipped: run them with the README's test command); SKIP_JARS=1 reuses
# the jars already in the modules' target/ directories.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/installer/target"
what=${1:-all}
version=$(sed -n 's:^  <version>\([0-9][0-9.]*\).*</version>:\1:p' pom.xml | head -1)   # 0.1.0 from 0.1.0-SNAPSHOT
snapshot=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
launcher="$root/kiosk-app/launcher/target"
servers="$root/server-stub/servers/target"
converter="$root/card-applets/converter/target"
issuer_tool="$root/card-applets/issuer-tool/target"

# JDK modules the kiosk needs. JavaFX stays on the class path beside the other jars (not in the runtime):
# that is how the tests run it, and the headless self-check (Monocle) only works that way.
# jdk.localedata: Japanese number and date formats; java.desktop: javax.print, javax.sound, AWT image I/O;
# java.smartcardio: the PC/SC readers; java.naming, java.management, java.sql: logback and the JDK's own users
# (the image held the demo servers once; the site kiosk has none, see check_site_image).
# java.xml.crypto and jdk.security.jgss: the XMLDSig and JdkSASL providers that the runtime's java.security lists.
# Without them a provider lookup that falls through the list looks for providers on the class path instead, which
# verified BouncyCastle's signed jar and registered its provider at every start: 1.5 s (issue #16).
kiosk_modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,\
java.security.jgss,java.smartcardio,java.sql,java.xml,java.xml.crypto,jdk.crypto.ec,jdk.crypto.cryptoki,\
jdk.localedata,jdk.charsets,jdk.security.jgss,jdk.unsupported,jdk.zipfs,jdk.management

# The kiosk's JVM (issue #16: up in 2 s, under 250 MB resident). One person at a time on an I/O-bound program:
# C1 only (C2 compiling at start-up took as much CPU as the kiosk itself), one compiler thread, the serial
# collector on a small heap that grows in small steps and gives memory back. Measured with
# installer/measure-startup.py; the figures are in this directory's README.
# The class data sharing archive of the kiosk's own classes (AppCDS) is lib/app/valuekiosk.jsa: in the image a link
# to the runtime's archive of the JDK's classes, replaced where the image is installed by an archive of the kiosk's
# classes on top of it (installer/kiosk/class-archive; on JDK 17 such an archive is only valid in the directory it
# was made in). A missing file would leave even the JDK's classes unshared; a stale one is ignored (-Xshare:auto) with
# one warning line, the JDK's classes still shared.
kiosk_java_options=(-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=48m
                    -XX:+UseSerialGC -Xms24m -Xmx384m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20
                    -Xshare:auto '-XX:SharedArchiveFile=$APPDIR/valuekiosk.jsa')

build_jars() {
  [ "${SKIP_JARS:-0}" = 1 ] || ./mvnw -B -ntp -DskipTests -pl "$1" -am package
}

app_image() {
  rm -rf "$out/input" "$out/runtime" "$out/ValueKiosk"
  mkdir -p "$out/input"
  cp "$launcher/kiosk-launcher-$snapshot.jar" "$out/input/"
  cp "$launcher"/lib/*.jar "$out/input/"
  # --generate-cds-archive: the runtime's own classes as a CDS archive (lib/server/classes.jsa), as a JDK has it;
  # without it a jlinked runtime loads and verifies every JDK class at each start.
  jlink --add-modules "$kiosk_modules" --strip-debug --no-header-files --no-man-pages --generate-cds-archive \
        --output "$out/runtime"
  # A second launcher in the same image: the field technician's checks (bin/valuekiosk-diag), on the same jars.
  printf 'main-class=com.valuekiosk.kiosk.app.diag.DiagMain\ndescription=ValueKiosk diagnostics for field technicians\n' \
      >"$out/valuekiosk-diag.properties"
  jpackage --type app-image --name ValueKiosk --app-version "$version" \
           --vendor "ValueKiosk" --description "VALUE kiosk: credit IC card purchase and e-money charge-up" \
           --input "$out/input" --main-jar "kiosk-launcher-$snapshot.jar" \
           --main-class com.valuekiosk.kiosk.app.KioskMain \
           --add-launcher valuekiosk-diag="$out/valuekiosk-diag.properties" \
           $(printf -- '--java-options %s ' "${kiosk_java_options[@]}") \
           --runtime-image "$out/runtime" --dest "$out"
  # The CDS archive for -XX:-UseCompressedOops (heaps over 32 GB) is never used by this heap size.
  rm -f "$out/ValueKiosk/lib/runtime/lib/server/classes_nocoops.jsa"
  runtime_archive_link "$out/ValueKiosk"
  direct_launcher "$out/ValueKiosk"
  rm -rf "$out/input" "$out/runtime" "$out/valuekiosk-diag.properties"
  check_site_image "$out/ValueKiosk"
  echo "app image: $out/ValueKiosk ($(du -sh "$out/ValueKiosk" | cut -f1), $(find "$out/ValueKiosk" -name '*.jar' | wc -l) jars)"
}

# bin/valuekiosk: the kiosk's command as bin/ValueKiosk runs it (the same Java, options, class path and main class,
# written from that launcher's lib/app/ValueKiosk.cfg), without jpackage's native launcher. That launcher asks the
# package managers which package owns it on every start (dpkg -S, rpm -qf, then dpkg -L on the kiosk, through
# /bin/sh) to find its own library: 0.4 s of each start on this machine (issue #16). The kiosk's session, service,
# class archive and /usr/bin/valuekiosk use this one; the same class path in the same order keeps the class archive
# valid for both.
direct_launcher() {
  local image=$1 cfg="$1/lib/app/ValueKiosk.cfg" main classpath option
  main=$(sed -n 's/^app\.mainclass=//p' "$cfg")
  classpath=$(sed -n 's/^app\.classpath=//p' "$cfg" | paste -sd: -)
  [ -n "$main" ] && [ -n "$classpath" ] || { echo "no main class or class path in $cfg" >&2; exit 1; }
  {
    echo '#!/bin/sh'
    echo '# The kiosk on the image'"'"'s Java, as bin/ValueKiosk starts it without jpackage'"'"'s launcher (made by installer/build.sh).'
    echo 'APPDIR=$(dirname "$(dirname "$(readlink -f "$0")")")/lib/app'
    echo '# Without a GPU (no DRM device), GTK would still load Mesa and its LLVM to list GL visuals (about 45 MB resident)'
    echo '# that JavaFX, rendering in software there, never uses.'
    echo 'if [ -z "$(ls -A /dev/dri 2>/dev/null)" ] && [ -z "${GDK_GL+set}" ]; then GDK_GL=disable; export GDK_GL; fi'
    echo 'exec "$APPDIR/../runtime/bin/java" \'
    while IFS= read -r option; do
      echo "    \"$option\" \\"
    done < <(sed -n 's/^java-options=//p' "$cfg")
    echo "    -cp \"$classpath\" \\"
    echo "    $main \"\$@\""
  } >"$image/bin/valuekiosk"
  chmod 0755 "$image/bin/valuekiosk"
}

# lib/app/valuekiosk.jsa (the launchers' -XX:SharedArchiveFile) as a link to the runtime's own CDS archive: what the
# image uses until installer/kiosk/class-archive makes the archive of the kiosk's classes in its place.
runtime_archive_link() {
  ln -sfn ../runtime/lib/server/classes.jsa "$1/lib/app/valuekiosk.jsa"
}

# What ships to sites: no jcardsim (card-simulator carries it as a resource), no simulated readers, no servers,
# no demo. The launcher's pom bans them from its class path; this looks at what actually went into the image.
check_site_image() {
  local image=$1 found
  found=$(find "$image" \( -name '*jcardsim*' -o -name 'card-simulator-*.jar' -o -name 'kiosk-simulated-readers-*.jar' \
                           -o -name 'servers-*.jar' -o -name 'kiosk-demo-*.jar' \) -print)
  local jar
  while IFS= read -r jar; do
    if jar tf "$jar" | grep -e 'jcardsim' -e '^com/licel/' -e '^com/valuekiosk/server/' -e '^com/valuekiosk/card/sim/' >/dev/null; then
      found+=$'\n'"$jar (contains simulator or server classes)"
    fi
  done < <(find "$image" -name '*.jar')
  if [ -n "${found//[[:space:]]/}" ]; then
    echo "the site kiosk's image must hold no simulator and no servers, but it has:$found" >&2
    exit 1
  fi
}

# A .deb from a staged tree: control files from installer/<part>/debian, version filled in.
package() {
  local part=$1 stage=$2 name=$3
  mkdir -p "$stage/DEBIAN" "$stage/usr/share/doc/$name"
  cp "$root/installer/README.md" "$stage/usr/share/doc/$name/README.md"
  for f in "$root/installer/$part/debian"/*; do
    sed "s/@VERSION@/$version/" "$f" > "$stage/DEBIAN/$(basename "$f")"
  done
  chmod 0755 "$stage/DEBIAN"/post* "$stage/DEBIAN"/pre* 2>/dev/null || true
  local arch
  arch=$(sed -n 's/^Architecture: //p' "$stage/DEBIAN/control")
  local deb="$out/${name}_${version}_${arch}.deb"
  dpkg-deb --root-owner-group --build "$stage" "$deb" >/dev/null
  echo "package: $deb ($(du -h "$deb" | cut -f1))"
}

kiosk_deb() {
  [ -d "$out/ValueKiosk" ] || { echo "no app image: run installer/build.sh app-image first" >&2; exit 1; }
  local stage="$out/stage-kiosk"
  rm -rf "$stage"
  mkdir -p "$stage/opt" "$stage/etc/valuekiosk" "$stage/lib/systemd/system" "$stage/usr/lib/valuekiosk" \
           "$stage/etc/pam.d" "$stage/usr/bin"
  cp -a "$out/ValueKiosk" "$stage/opt/valuekiosk"
  # An archive made for installer/target (check-app-image.sh) is not valid under /opt/valuekiosk: the package ships
  # the link, and the kiosk's first start there makes the archive (class-archive, from the kiosk's service).
  runtime_archive_link "$stage/opt/valuekiosk"
  install -m 0755 "$root/installer/kiosk/class-archive" "$stage/usr/lib/valuekiosk/class-archive"
  cp "$root/kiosk-app/launcher/src/main/dist/valuekiosk.properties" "$stage/etc/valuekiosk/valuekiosk.properties"
  cp "$root/installer/kiosk/logback.xml" "$stage/etc/valuekiosk/logback.xml"
  cp "$root/installer/kiosk/valuekiosk-kiosk.service" "$stage/lib/systemd/system/"
  cp "$root/installer/kiosk/pam-valuekiosk" "$stage/etc/pam.d/valuekiosk"
  install -m 0755 "$root/installer/kiosk/kiosk-session" "$stage/usr/lib/valuekiosk/kiosk-session"
  ln -s /opt/valuekiosk/bin/valuekiosk "$stage/usr/bin/valuekiosk"
  ln -s /opt/valuekiosk/bin/valuekiosk-diag "$stage/usr/bin/valuekiosk-diag"
  package kiosk "$stage" valuekiosk
  rm -rf "$stage"
}

servers_deb() {
  local stage="$out/stage-servers"
  rm -rf "$stage"
  mkdir -p "$stage/opt/valuekiosk-servers" "$stage/etc/valuekiosk-servers" "$stage/lib/systemd/system" "$stage/usr/bin"
  cp "$servers/servers-$snapshot.jar" "$stage/opt/valuekiosk-servers/servers.jar"
  # The jar's manifest names its libraries as lib/<name>.jar.
  cp -r "$servers/lib" "$stage/opt/valuekiosk-servers/lib"
  cp "$root/installer/servers/servers.env" "$stage/etc/valuekiosk-servers/servers.env"
  cp "$root/installer/servers/logback.xml" "$stage/etc/valuekiosk-servers/logback.xml"
  cp "$root/installer/servers"/valuekiosk-*.service "$stage/lib/systemd/system/"
  install -m 0755 "$root/installer/servers/valuekiosk-servers" "$stage/usr/bin/valuekiosk-servers"
  # The applets as the card issuer loads them onto blank cards, and the tool that dumps and verifies the CAP.
  mkdir -p "$stage/usr/share/valuekiosk-servers/cards" "$stage/opt/valuekiosk-servers/cap"
  cp "$converter/valuekiosk-applets.cap" "$stage/usr/share/valuekiosk-servers/cards/"
  cp "$converter/card-converter-$snapshot.jar" "$stage/opt/valuekiosk-servers/cap/valuekiosk-cap.jar"
  cp -r "$converter/lib" "$stage/opt/valuekiosk-servers/cap/lib"
  install -m 0755 "$root/installer/servers/valuekiosk-cap" "$stage/usr/bin/valuekiosk-cap"
  # Personalising blank cards over PC/SC with the issuer's keys (card-applets/LOADING.md).
  mkdir -p "$stage/opt/valuekiosk-servers/cards"
  cp "$issuer_tool/card-issuer-tool-$snapshot.jar" "$stage/opt/valuekiosk-servers/cards/valuekiosk-cards.jar"
  cp -r "$issuer_tool/lib" "$stage/opt/valuekiosk-servers/cards/lib"
  install -m 0755 "$root/installer/servers/valuekiosk-cards" "$stage/usr/bin/valuekiosk-cards"
  package servers "$stage" valuekiosk-servers
  rm -rf "$stage"
}

mkdir -p "$out"
case "$what" in
  app-image) build_jars kiosk-app/launcher; app_image ;;
  deb) build_jars kiosk-app/launcher; app_image; kiosk_deb ;;
  servers) build_jars server-stub/servers,card-applets/converter,card-applets/issuer-tool; servers_deb ;;
  all) build_jars kiosk-app/launcher,server-stub/servers,card-applets/converter,card-applets/issuer-tool; app_image; kiosk_deb; servers_deb ;;
  *) echo "usage: installer/build.sh [app-image|deb|servers|all]" >&2; exit 2 ;;
esac
