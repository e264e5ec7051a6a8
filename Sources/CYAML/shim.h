#ifndef CARACAL_CYAML_SHIM_H
#define CARACAL_CYAML_SHIM_H
#include <yaml.h>
#endif
