./compose up -d --build
./compose ps
