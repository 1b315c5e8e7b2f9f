#!/usr/bin/env bash
# A Citus cluster for the test suite, started with the kit in ../shared/citus (cluster.sh, install.sh).
#   citus-cluster.sh kit          prints the kit's folder, or fails when there is none
#   citus-cluster.sh start DIR    starts a coordinator and two workers on three free consecutive ports,
#                                 data in DIR; prints the coordinator's URL (database hamsafar)
#   citus-cluster.sh stop DIR     stops them
# The kit sits beside the repository (/work/shared beside /work/main); from a git worktree it is
# found beside the main checkout. CITUS_KIT names another folder.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"

kit() {
  local main
  main="$(cd "$(git -C "$repo" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || echo "$repo/.git")/.." && pwd)"
  for dir in "${CITUS_KIT:-}" "$repo/../shared/citus" "$main/../shared/citus"; do
    if [ -n "$dir" ] && [ -x "$dir/cluster.sh" ]; then
      (cd "$dir" && pwd)
      return 0
    fi
  done
  echo "citus-cluster: no Citus kit (cluster.sh) beside the repository; set CITUS_KIT" >&2
  return 1
}

answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Three consecutive ports nothing listens on, from a random start so parallel runs rarely collide.
free_ports() {
  local port
  for _ in $(seq 1 200); do
    port=$((40000 + RANDOM % 20000))
    if ! answers "$port" && ! answers $((port + 1)) && ! answers $((port + 2)); then
      echo "$port"
      return 0
    fi
  done
  echo "citus-cluster: found no three free consecutive ports" >&2
  return 1
}

case "${1:-}" in
  kit)
    kit
    ;;
  start)
    dir="${2:?DIR}"
    cluster="$(kit)/cluster.sh"
    port="$(free_ports)"
    "$cluster" start "$dir" "$port" hamsafar >&2
    echo "postgres://root@127.0.0.1:$port/hamsafar"
    ;;
  stop)
    "$(kit)/cluster.sh" stop "${2:?DIR}"
    ;;
  *)
    sed -n '2,8p' "$0"
    exit 2
    ;;
esac
