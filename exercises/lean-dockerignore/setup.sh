# Fills the exercise folder with what a real project folder collects: a 20 MB build cache and a log.
mkdir -p build-cache logs
head -c 20971520 /dev/zero > build-cache/objects.bin
printf 'debug: connected with token from secrets.env\n' > logs/debug.log
