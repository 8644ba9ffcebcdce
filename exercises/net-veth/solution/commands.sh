docker rm -f cl-net-lab 2>/dev/null || true
docker run -dti --name cl-net-lab --cap-add NET_ADMIN --cap-add SYS_ADMIN containerlings/nettools:bookworm
docker exec cl-net-lab sh -exc '
ip netns add red
ip netns add blue
ip link add veth-red type veth peer name veth-blue
ip link set veth-red netns red
ip link set veth-blue netns blue
ip -n red addr add 10.200.0.1/24 dev veth-red
ip -n blue addr add 10.200.0.2/24 dev veth-blue
ip -n red link set lo up
ip -n blue link set lo up
ip -n red link set veth-red up
ip -n blue link set veth-blue up
ip netns exec red ping -c 1 -W 2 10.200.0.2
'
