// Shim over OpenBLAS's CBLAS and LAPACKE (Debian: libopenblas-dev, liblapacke-dev).
// Only Sources/TailRisk/LinearAlgebra imports this module.
#ifndef TAILRISK_CLAPACK_SHIM_H
#define TAILRISK_CLAPACK_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
