#!/usr/bin/env bash
# Pretend hosts on one Linux machine, to try `mpirun` over TCP between "machines": each host is a
# network namespace with its own address and a veth pair to a bridge (needs root and iproute2).
#
# Usage: Scripts/netns-hosts.sh up N [RATE]   N hosts h1..hN at 10.77.0.11.. on bridge esbr0;
#                                            RATE (e.g. 10gbit) caps each host's sending rate (tc tbf)
#        Scripts/netns-hosts.sh down          removes them
#        Scripts/netns-hosts.sh agent HOST COMMAND...   Open MPI's launcher agent (plm_rsh_agent):
#                                            runs COMMAND in HOST's namespace, with HOST as host name
#
# Then, with a hostfile listing h1 … hN (one `hN slots=1` per line):
#   mpirun --allow-run-as-root --hostfile hosts -np N --mca plm_rsh_agent "$PWD/Scripts/netns-hosts.sh agent" \
#     --mca plm_rsh_no_tree_spawn 1 --mca btl tcp,self \
#     --mca oob_tcp_if_include 10.77.0.0/24 --mca btl_tcp_if_include 10.77.0.0/24 earshot train ...
set -euo pipefail
bridge=esbr0

case "${1:-}" in
  up)
    hosts="${2:?give the number of hosts}"
    ip link add "$bridge" type bridge
    ip addr add 10.77.0.1/24 dev "$bridge"
    ip link set "$bridge" up
    for h in $(seq 1 "$hosts"); do
      ip netns add "es-h$h"
      ip link add "es-v$h" type veth peer name eth0 netns "es-h$h"
      ip link set "es-v$h" master "$bridge"
      ip link set "es-v$h" up
      ip netns exec "es-h$h" ip addr add "10.77.0.$((10 + h))/24" dev eth0
      ip netns exec "es-h$h" ip link set eth0 up
      ip netns exec "es-h$h" ip link set lo up
      if [ -n "${3:-}" ]; then
        ip netns exec "es-h$h" tc qdisc add dev eth0 root tbf rate "$3" burst 1mb latency 50ms
      fi
    done ;;
  down)
    for ns in $(ip netns list | awk '/^es-h[0-9]+/ {print $1}'); do ip netns del "$ns"; done
    ip link del "$bridge" 2>/dev/null || true ;;
  agent)
    # Open MPI calls the agent as `AGENT HOST COMMAND...` with COMMAND as shell words.
    host="$2"; shift 2
    exec ip netns exec "es-$host" unshare --uts sh -c "hostname $host; $*" ;;
  *) echo "usage: $0 up N [RATE] | down | agent HOST COMMAND..." >&2; exit 2 ;;
esac
