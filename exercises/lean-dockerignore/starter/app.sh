#!/bin/sh
# Prints how many items the inventory holds.
count=$(grep -c . /app/data/items.txt)
echo "inventory: $count items"
