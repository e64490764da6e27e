# Headless Chromium for the console test (ConsoleIT). Sourced by scripts/test.
#   install_chromium_if_missing: installs Debian's chromium and chromium-driver if either is absent;
#   no test tool downloads a browser of its own (this machine's network allows none).
install_chromium_if_missing() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    return
  fi
  echo "test: Chromium is not installed; installing Debian's chromium and chromium-driver packages"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
}
