FROM debian:bookworm
RUN apt-get update \
# a comment inside the continuation is dropped
    && apt-get install -y \
        curl \

        ca-certificates \
    && rm -rf /var/lib/apt/lists/*
