#ifndef ARTEFACT_CSODIUM_SHIM_H
#define ARTEFACT_CSODIUM_SHIM_H
#include <sodium.h>
#endif
