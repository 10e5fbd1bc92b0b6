#ifndef DLINT_CLIBYAML_SHIM_H
#define DLINT_CLIBYAML_SHIM_H

#include <yaml.h>

#endif
