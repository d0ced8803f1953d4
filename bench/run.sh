#!/usr/bin/env bash
# The project's benchmark (PRODUCT.md §4): seeds a data folder with `bench-seed`, serves it,
# and measures with wrk the static stylesheet (the ceiling), directory searches, a profile
# page and the API, then the ads: list, text and faceted searches, an ad page and the ads API.
# Prints a table (req/s, p50, p99, ratio to the static file) and the server's memory. See
# bench/README.md.
#
# Environment:
#   BIN=path          use this emancipasso binary instead of `cargo build --release`
#   DATA=dir          use (and keep) this data folder; seeded when it holds no database
#   STRUCTURES, ADS, RESOURCES   sizes given to bench-seed (2000, 50000, 5000)
#   THREADS, CONNECTIONS, DURATION, WARMUP   wrk settings (2, 32, 20s, 3s)
#   CARGO_TARGET_DIR  honoured when building
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-3s}"
STRUCTURES="${STRUCTURES:-2000}"
ADS="${ADS:-50000}"
RESOURCES="${RESOURCES:-5000}"

log() { echo "bench: $*" >&2; }

# ---- tools ---------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk (apt)..."
  SUDO=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
  export DEBIAN_FRONTEND=noninteractive
  if ! $SUDO apt-get install -y -qq wrk >/dev/null 2>&1; then
    $SUDO apt-get update -qq >/dev/null
    $SUDO apt-get install -y -qq wrk >/dev/null
  fi
fi
command -v curl >/dev/null 2>&1 || { log "curl is required"; exit 2; }

if [ -z "${BIN:-}" ]; then
  log "building the release binary..."
  (cd "$ROOT" && cargo build --release --quiet)
  BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/emancipasso"
fi
[ -x "$BIN" ] || { log "no binary at $BIN"; exit 2; }

# ---- data ------------------------------------------------------------------------------
TMP="$(mktemp -d "${TMPDIR:-/tmp}/emancipasso-bench.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

if [ -z "${DATA:-}" ]; then
  DATA="$TMP/data"
fi
SEED=0
if [ -n "${EMANCIPASSO_DATABASE_URL:-}" ] || [ ! -e "$DATA/emancipasso.db" ]; then
  SEED=1
elif command -v sqlite3 >/dev/null 2>&1 \
  && [ "$(sqlite3 "$DATA/emancipasso.db" 'SELECT COUNT(*) FROM ads' 2>/dev/null || echo 0)" = 0 ]; then
  # A folder seeded before the ads existed: bench-seed keeps what is there and adds them.
  log "$DATA holds no ads yet"
  SEED=1
fi
if [ "$SEED" = 1 ]; then
  log "seeding $DATA..."
  "$BIN" bench-seed --data "$DATA" --structures "$STRUCTURES" --ads "$ADS" --resources "$RESOURCES" >&2
fi

# ---- server ----------------------------------------------------------------------------
EMANCIPASSO_LOG=warn "$BIN" serve --data "$DATA" --bind 127.0.0.1:0 >"$TMP/server.out" 2>"$TMP/server.err" &
SERVER_PID=$!
BASE=""
for _ in $(seq 1 600); do
  BASE="$(sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' "$TMP/server.out" | head -n1)"
  if [ -n "$BASE" ] && curl -fsS "$BASE/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    log "the server stopped:"; cat "$TMP/server.err" >&2; exit 1
  fi
  BASE=""
  sleep 0.1
done
[ -n "$BASE" ] || { log "the server did not answer /healthz within 60 s"; exit 1; }
log "server $SERVER_PID on $BASE"

CSS="$(curl -fsS "$BASE/" | grep -o '/static/app\.[^"]*\.css' | head -n1)"
SLUG="$(curl -fsS "$BASE/annuaire" | grep -o 'href="/annuaire/[^"/?#]*"' | head -n1 | sed 's|href="/annuaire/||; s|"$||')"
[ -n "$CSS" ] || { log "no stylesheet link on the home page"; exit 1; }
[ -n "$SLUG" ] || { log "no profile link on /annuaire (is the folder seeded?)"; exit 1; }

# An ad page: the first ad of the API, else the newest published ad of the database, else the
# first ad link of the list.
AD=""
if curl -fsS "$BASE/api/v1/ads?per_page=1" >"$TMP/ads.json" 2>/dev/null; then
  AD="$(grep -o '"url": *"[^"]*"' "$TMP/ads.json" | head -n1 \
    | sed 's/^"url": *"//; s/"$//; s|^https\{0,1\}://[^/]*||' || true)"
fi
if [ -z "$AD" ] && [ -z "${EMANCIPASSO_DATABASE_URL:-}" ] && command -v sqlite3 >/dev/null 2>&1; then
  AD="$(sqlite3 "$DATA/emancipasso.db" \
    "SELECT '/annonces/' || id || '-' || slug FROM ads WHERE status = 'published' ORDER BY published_at DESC, id LIMIT 1" \
    2>/dev/null || true)"
fi
if [ -z "$AD" ]; then
  AD="$(curl -fsS "$BASE/annonces" 2>/dev/null | grep -o 'href="/annonces/[0-9][^"?#]*"' | head -n1 \
    | sed 's|href="||; s|"$||' || true)"
fi
[ -n "$AD" ] || { log "no ad found (API, database and /annonces): is the folder seeded with ads?"; exit 1; }

NAMES=(static search-text search-facets profile api ads-list ads-text ads-facets ads-mixed ad-page ads-api)
URLS=(
  "$CSS"
  "/annuaire?q=formation&logiciel=nextcloud"
  "/annuaire?region=84&service=diagnostic&chatons=oui"
  "/annuaire/$SLUG"
  "/api/v1/structures?q=nextcloud"
  "/annonces"
  "/annonces?q=nextcloud"
  "/annonces?type=fonctionnalite&statut=ouverte"
  "/annonces?q=site+web&region=84&tri=soutiens"
  "$AD"
  "/api/v1/ads?q=logiciel"
)

# Every URL must answer 200 (the ads pages and API too) before anything is measured.
failed=0
for i in "${!URLS[@]}"; do
  url="${URLS[$i]}"
  code="$(curl -fsS -o /dev/null -w '%{http_code}' "$BASE$url" 2>"$TMP/curl.err" || true)"
  if [ "$code" != 200 ]; then
    log "${NAMES[$i]}: $url answers ${code:-nothing} $(head -c 300 "$TMP/curl.err")"
    failed=$((failed + 1))
  fi
done
[ "$failed" = 0 ] || { log "$failed URL(s) do not answer 200: nothing measured"; exit 1; }

# ---- runs ------------------------------------------------------------------------------
log "warming up ($WARMUP per URL)..."
for url in "${URLS[@]}"; do
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" "$BASE$url" >/dev/null
done

declare -A RPS P50 P99 ERR
for i in "${!URLS[@]}"; do
  url="${URLS[$i]}"
  log "wrk -t$THREADS -c$CONNECTIONS -d$DURATION $url"
  line="$(wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" -s "$ROOT/bench/report.lua" "$BASE$url" | grep '^BENCH ')"
  field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  RPS[$i]="$(field rps)"
  P50[$i]="$(field p50_us)"
  P99[$i]="$(field p99_us)"
  ERR[$i]=$(( $(field errors_connect) + $(field errors_read) + $(field errors_write) + $(field errors_timeout) + $(field non2xx) ))
  echo "$line name=${NAMES[$i]} url=$url" >>"$TMP/raw.txt"
done

# ---- report ----------------------------------------------------------------------------
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "commit:  $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "wrk:     $THREADS threads, $CONNECTIONS connections, $DURATION per URL"
echo
printf '| %-13s | %-52s | %9s | %8s | %8s | %8s | %6s |\n' name URL "req/s" "p50 ms" "p99 ms" "/static" errors
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "---------------" "------------------------------------------------------" \
  "-----------:" "---------:" "---------:" "---------:" "-------:"
for i in "${!URLS[@]}"; do
  ratio="$(awk -v a="${RPS[$i]}" -v b="${RPS[0]}" 'BEGIN { printf "%.2f", a / b }')"
  printf '| %-13s | %-52s | %9.0f | %8s | %8s | %8s | %6s |\n' "${NAMES[$i]}" "${URLS[$i]}" "${RPS[$i]}" \
    "$(ms "${P50[$i]}")" "$(ms "${P99[$i]}")" "$ratio" "${ERR[$i]}"
done
echo
hwm="$(awk '/^VmHWM/ { print $2 }' "/proc/$SERVER_PID/status")"
rss="$(awk '/^VmRSS/ { print $2 }' "/proc/$SERVER_PID/status")"
echo "server memory: VmHWM $((hwm / 1024)) MB (peak), VmRSS $((rss / 1024)) MB (now)"
echo
echo "raw wrk figures:"
cat "$TMP/raw.txt"
