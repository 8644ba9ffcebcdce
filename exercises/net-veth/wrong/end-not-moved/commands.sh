docker rm -f cl-net-lab 2>/dev/null || true
docker run -dti --name cl-net-lab --cap-add NET_ADMIN --cap-add SYS_ADMIN containerlings/nettools:bookworm
# Only one end is moved: veth-blue stays in the container's own namespace, and blue stays empty.
docker exec cl-net-lab sh -exc '
ip netns add red
ip netns add blue
ip link add veth-red type veth peer name veth-blue
ip link set veth-red netns red
ip -n red addr add 10.200.0.1/24 dev veth-red
ip addr add 10.200.0.2/24 dev veth-blue
ip -n red link set veth-red up
ip link set veth-blue up
'
