ARG GO_VERSION
FROM golang:${GO_VERSION} AS build
ARG VERSION
COPY --from=src . /src
RUN go build -o /out/app ./...

FROM scratch AS release
COPY --from=build /out /

FROM build AS lint
RUN golangci-lint run
