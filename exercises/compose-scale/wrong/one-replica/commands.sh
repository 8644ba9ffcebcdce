# Forgot the --scale: one copy of the API.
./compose up -d --build
./compose ps
