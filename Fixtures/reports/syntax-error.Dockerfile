# syntax=docker/dockerfile:1
FROM alpine:3.20
RUNN echo "<&>"
COPY onlyone
