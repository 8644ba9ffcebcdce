docker rm -f cl-net-lab 2>/dev/null || true
docker run -dti --name cl-net-lab --cap-add NET_ADMIN --cap-add SYS_ADMIN containerlings/nettools:bookworm
# Without /24 an address is a /32: the kernel adds no route to the rest of 10.200.0.0/24.
docker exec cl-net-lab sh -exc '
ip netns add red
ip netns add blue
ip link add veth-red type veth peer name veth-blue
ip link set veth-red netns red
ip link set veth-blue netns blue
ip -n red addr add 10.200.0.1 dev veth-red
ip -n blue addr add 10.200.0.2 dev veth-blue
ip -n red link set veth-red up
ip -n blue link set veth-blue up
'
