docker rm -f cl-net-lab 2>/dev/null || true
docker run -dti --name cl-net-lab --cap-add NET_ADMIN --cap-add SYS_ADMIN containerlings/nettools:bookworm
# Addresses are set, but neither end is brought up: no route, and nothing passes.
docker exec cl-net-lab sh -exc '
ip netns add red
ip netns add blue
ip link add veth-red type veth peer name veth-blue
ip link set veth-red netns red
ip link set veth-blue netns blue
ip -n red addr add 10.200.0.1/24 dev veth-red
ip -n blue addr add 10.200.0.2/24 dev veth-blue
'
