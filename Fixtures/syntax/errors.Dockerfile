RUN echo before from
FROM alpine
# syntax=docker/dockerfile:1
RUNN echo typo
COPY only-one
ENV KEY
HEALTHCHECK BOGUS x
CMD [1, 2]
RUN <<EOF
echo never closed
