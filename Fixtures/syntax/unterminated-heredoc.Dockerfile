FROM alpine
RUN echo unterminated <<EOF
line
