# foo=bar
FROM alpine
RUN echo continued \