#!/usr/bin/env bash
# The loading, start-up and find/drain figures of README "Performance", side by side in one
# run, against emulators started here on loopback with --latency-ms. Needs a release build
# (made here), python3 and the SDK in .venv (see README "Tests"). Uses a temporary home.
#
#   scripts/perf.sh            everything
#   scripts/perf.sh load       one part: load, startup, fleet, memory
set -euo pipefail
cd "$(dirname "$0")/.."
# CHANEDIT_BIN: measure another build (for a before/after comparison).
if [ -z "${CHANEDIT_BIN:-}" ]; then
  cargo build --release --quiet --bin chanedit
fi
BIN=${CHANEDIT_BIN:-$PWD/target/release/chanedit}
PY=${PYTHON:-$PWD/.venv/bin/python}
W=$(mktemp -d)
export CHANEDIT_HOME=$W/home HOME=$W/home XDG_CONFIG_HOME=$W/xdg XDG_STATE_HOME=$W/xdg \
  XDG_DATA_HOME=$W/xdg XDG_CACHE_HOME=$W/xdg
export HUAWEICLOUD_SDK_AK=PERFAK HUAWEICLOUD_SDK_SK=PERFSK
PROJECT=0e0e1c8f5a0000b92f2ac0013ec0f8c3
INSTANCE=eddc4d25480b4cd6b512f270a1b8b341
CHANNEL=0f0e0d0c0b0a49888776655443322110
export HUAWEICLOUD_SDK_PROJECT_ID=$PROJECT BIN PROJECT INSTANCE CHANNEL
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$W"
}
trap cleanup EXIT

# emulator NAME SEEDFILE [FLAGS...]: start one on a free port; sets URL.
emulator() {
  local name=$1 data=$2
  shift 2
  "$BIN" emulator --listen 127.0.0.1:0 --ak PERFAK --sk PERFSK --data "$data" "$@" \
    >"$W/$name.out" 2>/dev/null &
  PIDS+=($!)
  for _ in $(seq 3000); do
    grep -q listening "$W/$name.out" 2>/dev/null && break
    sleep 0.01
  done
  URL=$(sed -n 's/.*listening on \([^ ]*\) .*/\1/p' "$W/$name.out")
  [ -n "$URL" ] || { echo "emulator $name did not start" >&2; exit 1; }
}

# Nanoseconds, without starting a process (a `date` per reading would add its own start-up to
# every figure).
now() { local t=${EPOCHREALTIME/./}; echo $((10#$t * 1000)); }

# median_ms N CMD...: run CMD N times (output dropped), print the median wall time in ms.
median_ms() {
  local n=$1 t0 t1
  shift
  local times=()
  for _ in $(seq "$n"); do
    t0=${EPOCHREALTIME/./}
    "$@" >/dev/null
    t1=${EPOCHREALTIME/./}
    times+=($((10#$t1 - 10#$t0)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

# peak_mb CMD...: the peak RSS of one run, in MB.
peak_mb() {
  /usr/bin/time -f '%M' -o "$W/rss" "$@" >/dev/null
  awk '{printf "%.0f", $1/1024}' "$W/rss"
}

show() { "$BIN" --endpoint "$URL" --project-id "$PROJECT" --instance-id "$INSTANCE" show "$CHANNEL" --json; }
export -f show

part_load() {
  for n in 10000 100000; do
    python3 scripts/perf_data.py channel "$n" >"$W/load$n.json"
    emulator "load$n" "$W/load$n.json" --latency-ms 50
    export URL
    echo "load: $n members at 50 ms latency, show --json (whole process): median $(median_ms 5 show) ms, peak RSS $(peak_mb "$BIN" --endpoint "$URL" --project-id "$PROJECT" --instance-id "$INSTANCE" show "$CHANNEL" --json) MB"
  done
}

part_startup() {
  python3 scripts/perf_data.py channel 10 >"$W/small.json"
  emulator small "$W/small.json"
  local ours sdk
  ours=$(median_ms 21 show)
  sdk=$(median_ms 5 "$PY" scripts/sdk_show.py "$URL" "$PROJECT" "$INSTANCE" "$CHANNEL")
  echo "startup: show --json of 10 members: chanedit median $ours ms, SDK median $sdk ms, ratio 1/$(awk -v a="$ours" -v b="$sdk" 'BEGIN {printf "%.0f", b/a}')"
  # The editor needs a terminal: a detached tmux session of 80x24; the line is written once
  # the first frame is on its screen.
  local times=() t
  for i in $(seq 5); do
    rm -f "$W/frame"
    tmux new-session -d -s "chanedit-perf-$$" -x 80 -y 24 \
      "env CHANEDIT_TRACE_FIRST_FRAME=$W/frame $BIN --demo"
    for _ in $(seq 500); do [ -s "$W/frame" ] && break; sleep 0.01; done
    tmux kill-session -t "chanedit-perf-$$"
    t=$(awk '{print $2}' "$W/frame")
    times+=("$t")
  done
  echo "startup: --demo, start to first frame: median $(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p) ms (5 runs)"
}

part_fleet() {
  python3 scripts/perf_data.py fleet 20 200 10 10 >"$W/fleet.json"
  emulator fleet "$W/fleet.json" --latency-ms 50 --throttle-rate 0.05 --seed 1
  local base=("$BIN" --endpoint "$URL" --project-id "$PROJECT" --instance-id "$(printf '%028df1ee' 0)")
  local t0 t1
  t0=$(now)
  "${base[@]}" find 10.255.0.1:8080 --json >"$W/find.json"
  t1=$(now)
  echo "fleet: find over 20 gateways x 200 channels at 50 ms, 5% answered 429: $(((t1 - t0) / 1000000)) ms, $(grep -o '"channel_id"' "$W/find.json" | wc -l) members found"
  t0=$(now)
  "${base[@]}" drain 10.255.0.1:8080 --yes >"$W/drain.out"
  t1=$(now)
  echo "fleet: drain of the same: $(((t1 - t0) / 1000000)) ms, $(grep -c 'verified' "$W/drain.out") channels verified"
}

# The editor itself at 80x24 in tmux, 10,000 members: its peak RSS (VmHWM) after the load,
# after 100 `:set` edits, and after 100 undos and 100 redos; then the same with every member
# reporting its health.
part_memory() {
  memory_of ""
  memory_of health
}

# memory_of [health]: part_memory for one channel.
memory_of() {
  # The run before left its draft of the same channel: opening would offer it back first.
  rm -rf "$CHANEDIT_HOME/drafts"
  python3 scripts/perf_data.py channel 10000 $1 >"$W/mem.json"
  local what="10,000 members${1:+, health reported}"
  emulator mem "$W/mem.json"
  local s="chanedit-mem-$$" pid i hwm
  tmux new-session -d -s "$s" -x 80 -y 24 \
    "env CHANEDIT_HOME=$CHANEDIT_HOME HOME=$HOME XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_STATE_HOME=$XDG_STATE_HOME XDG_DATA_HOME=$XDG_DATA_HOME XDG_CACHE_HOME=$XDG_CACHE_HOME HUAWEICLOUD_SDK_AK=PERFAK HUAWEICLOUD_SDK_SK=PERFSK $BIN --endpoint $URL --project-id $PROJECT --instance-id $INSTANCE $CHANNEL"
  for _ in $(seq 1000); do tmux capture-pane -p -t "$s" | grep -q "members" && break; sleep 0.01; done
  pid=$(pgrep -f "^$BIN --endpoint $URL" | head -1)
  hwm() { awk '/VmHWM/ {printf "%.1f MB", $2/1024}' "/proc/$pid/status"; }
  echo "memory: editor, $what, open: peak RSS $(hwm)"
  for i in $(seq 0 99); do
    tmux send-keys -t "$s" ":set members[$((i * 100))].weight $((1 + i % 90))" Enter
  done
  # Keys are handled in order: the answer to this jump comes after every edit.
  tmux send-keys -t "$s" ":goto 10.20.0.7" Enter
  for _ in $(seq 1000); do tmux capture-pane -p -t "$s" | grep -q "member 7 of" && break; sleep 0.01; done
  echo "memory: $what, after 100 :set edits: peak RSS $(hwm)"
  for _ in $(seq 100); do tmux send-keys -t "$s" u; done
  for _ in $(seq 100); do tmux send-keys -t "$s" C-r; done
  tmux send-keys -t "$s" ":goto 10.20.0.9" Enter
  for _ in $(seq 1000); do tmux capture-pane -p -t "$s" | grep -q "member 9 of" && break; sleep 0.01; done
  echo "memory: $what, after 100 undos and 100 redos: peak RSS $(hwm)"
  tmux kill-session -t "$s"
  # The editor saves its draft as it leaves: let it finish before the home is removed.
  for _ in $(seq 500); do kill -0 "$pid" 2>/dev/null || break; sleep 0.01; done
}

parts=("${@:-load startup fleet memory}")
for p in ${parts[*]}; do "part_$p"; done
