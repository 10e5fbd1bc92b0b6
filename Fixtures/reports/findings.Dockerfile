# syntax=docker/dockerfile:1
FROM alpine:3.20 AS build
WORKDIR app
RUN sudo apk add --no-cache curl
