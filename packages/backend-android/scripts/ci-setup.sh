#!/usr/bin/env bash
# Installs what packages/backend-android's tests need beyond `npm ci`: a JDK (javac, javap) and
# Debian's libandroid-json-java (Android's own org.json for the JVM tests). kotlinc, the React
# Native / Capacitor sources and the NativeScript typings come from npm devDependencies.
# Idempotent and quiet; does nothing when everything is present.
set -euo pipefail

need=()
command -v javac >/dev/null 2>&1 && command -v javap >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
[ -f /usr/share/java/com.android.json.jar ] || need+=(libandroid-json-java)

if [ "${#need[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  echo "backend-android ci-setup: installed ${need[*]}"
fi

# npm may unpack kotlinc without its executable bit; the tests call it through bash anyway.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
[ -d "$root/node_modules/kotlin-compiler/bin" ] || {
  echo "backend-android ci-setup: node_modules/kotlin-compiler is missing; run npm ci first" >&2
  exit 1
}
