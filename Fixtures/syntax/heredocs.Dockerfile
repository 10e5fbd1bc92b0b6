# syntax=docker/dockerfile:1.4
FROM alpine:3.20
RUN <<EOF
echo "FROM is not an instruction here"
# neither is this a comment
EOF
RUN <<-"SCRIPT" cat > /etc/motd && \
    chmod 644 /etc/motd
	Hello $USER, unexpanded
	SCRIPT
COPY <<one.txt <<'two.txt' /files/
first
one.txt
second
two.txt
RUN python3 <<PY
print("done")
PY
