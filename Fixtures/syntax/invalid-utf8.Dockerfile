FROM alpine
RUN echo "café ÿş"
LABEL bytes="€"
