#!/usr/bin/env bash
# Installs the Debian 12 packages cogov needs, skipping those already present.
# Usage: scripts/install-deps.sh [--with-mpi] [--with-slurm] [--with-browser]
# --with-browser adds Chromium, and Node.js and npm unless a `node` is
# already installed (the classroom page's browser test and its rebuild).
# Runs apt-get as root directly, otherwise through sudo.
set -euo pipefail

packages=(
  build-essential cmake ninja-build git pkg-config clang-format-14
  libeigen3-dev libboost-program-options-dev libhdf5-dev hdf5-tools
  libpcg-cpp-dev doctest-dev libtomlplusplus-dev
  libcpp-httplib-dev nlohmann-json3-dev
  python3-h5py python3-numpy python3-pandas python3-matplotlib python3-sklearn
  python3-scipy python3-pytest python3-xarray python3-h5netcdf netcdf-bin
  python3-dev pybind11-dev python3-pybind11
  jupyter-nbconvert python3-nbclient python3-ipykernel
)
for arg in "$@"; do
  case "$arg" in
    --with-mpi) packages+=(libopenmpi-dev openmpi-bin) ;;
    --with-slurm) packages+=(slurm-wlm) ;;
    --with-browser)
      packages+=(chromium)
      # A Node.js from elsewhere (e.g. a newer one) brings its own npm: keep it.
      command -v node >/dev/null || packages+=(nodejs npm) ;;
    *) echo "install-deps: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
