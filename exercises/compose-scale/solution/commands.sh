./compose up -d --build --scale api=3
./compose ps
