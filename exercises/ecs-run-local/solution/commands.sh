docker build -t containerlings/greeter .
cat taskdef.json
