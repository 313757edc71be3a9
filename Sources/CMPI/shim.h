// The few MPI calls the MPI backend needs, as plain C functions: Open MPI's
// MPI_COMM_WORLD, MPI_BYTE and friends are macros over global structs that
// Swift cannot import. Only built with the MPI trait (swift build --traits MPI).
#ifndef TAILRISK_CMPI_SHIM_H
#define TAILRISK_CMPI_SHIM_H
#include <mpi.h>
#include <stdint.h>

/// MPI_Init once (no-op when already initialized); returns MPI_SUCCESS or the error.
static inline int tailrisk_mpi_init(void) {
    int done = 0;
    MPI_Initialized(&done);
    if (done) return MPI_SUCCESS;
    return MPI_Init(NULL, NULL);
}

static inline int tailrisk_mpi_rank(void) {
    int r = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
}

static inline int tailrisk_mpi_size(void) {
    int s = 1;
    MPI_Comm_size(MPI_COMM_WORLD, &s);
    return s;
}

/// Every rank's `mine` into `all[size]`.
static inline int tailrisk_mpi_allgather_i64(int64_t mine, int64_t *all) {
    return MPI_Allgather(&mine, 1, MPI_INT64_T, all, 1, MPI_INT64_T, MPI_COMM_WORLD);
}

/// Every rank's bytes concatenated in rank order into `all` (counts and displacements per rank).
static inline int tailrisk_mpi_allgatherv_bytes(const uint8_t *mine, int count, uint8_t *all,
                                               const int *counts, const int *displacements) {
    return MPI_Allgatherv(mine, count, MPI_BYTE, all, counts, displacements, MPI_BYTE, MPI_COMM_WORLD);
}

static inline void tailrisk_mpi_abort(int code) { MPI_Abort(MPI_COMM_WORLD, code); }

static inline int tailrisk_mpi_finalize(void) {
    int done = 0;
    MPI_Finalized(&done);
    if (done) return MPI_SUCCESS;
    return MPI_Finalize();
}
#endif
