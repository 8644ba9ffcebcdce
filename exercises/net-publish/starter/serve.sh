#!/bin/sh
# UDP: every datagram on 9999 gets "pong" back. TCP: every connection on 8080 gets an HTTP answer.
socat UDP4-RECVFROM:9999,fork SYSTEM:'echo pong' &
exec socat TCP4-LISTEN:8080,reuseaddr,fork EXEC:http.sh
