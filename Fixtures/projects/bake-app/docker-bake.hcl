# Builds of the fixture project.
variable "GO_VERSION" {
  default = "1.22"
}

variable "TAG" {}

group "default" {
  targets = ["app", "lint"]
}

/* Arguments every target shares. */
target "_common" {
  args = {
    GO_VERSION                    = GO_VERSION
    BUILDKIT_CONTEXT_KEEP_GIT_DIR = 1
  }
}

target "app" {
  inherits   = ["_common"]
  context    = "."
  dockerfile = "build/app.Dockerfile"
  target     = "release"
  args = {
    VERSION = "v${GO_VERSION}"
    EXTRA   = "1" // not declared
  }
  contexts = {
    src   = "./src"
    tools = "docker-image://alpine:3.20"
  }
  platforms = ["linux/amd64", "linux/arm64"]
  tags      = ["example/app:${TAG}"]
}

target "lint" {
  inherits   = ["_common"]
  dockerfile = "build/app.Dockerfile"
  target     = "lnt"
}

target "docs" {
  context           = "./docs"
  dockerfile-inline = <<EOT
FROM alpine:3.20
RUN echo docs
EOT
}
