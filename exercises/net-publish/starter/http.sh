#!/bin/bash
# Reads the request up to its blank line, then answers it.
while IFS= read -r line; do
  line=${line%$'\r'}
  [ -z "$line" ] && break
done
printf 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nhello from cl-net-pub\n'
