# syntax=docker/dockerfile:1
FROM alpine:3.20
WORKDIR /app
USER 1000
