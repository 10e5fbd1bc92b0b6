# syntax=docker/dockerfile:1
# check=skip=JSONArgsRecommended
ARG BASE=alpine
ARG VERSION="3.20"
FROM --platform=$BUILDPLATFORM registry.example.com:5000/team/${BASE}:${VERSION}@sha256:0123456789abcdef AS Build
MAINTAINER Jane Doe <jane@example.com>
ENV PATH=/opt/bin:$PATH LANG="C.UTF-8"
ENV LEGACY value with spaces
LABEL org.opencontainers.image.title="demo app" version=1
WORKDIR /src
COPY --chown=app:app --chmod=755 ["a b.txt", "/dst/"]
ADD --checksum=sha256:abc https://example.com/x.tar.gz /tmp/
RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt
ONBUILD RUN echo triggered
HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1
HEALTHCHECK NONE
STOPSIGNAL SIGTERM
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
USER 1000:1000
VOLUME ["/data", "/logs"]
EXPOSE 80/tcp 443
ENTRYPOINT ["/entrypoint.sh"]
cmd echo lower-case keyword
