/*
 * coffer_curlfix.c - LD_PRELOAD fix for the SyncEvolution client shipped by Debian 12
 * (syncevolution 2.0.0-3+b1).
 *
 * Why: that build's CurlTransportAgent registers NULL as its libcurl read and write callbacks.
 * libcurl then falls back to fread()/fwrite() on the READDATA/WRITEDATA pointer, which is the
 * agent object and not a FILE*, and the client dies (SIGSEGV, exit 139) on its first POST after
 * sending only the headers.
 *
 * How: we wrap curl_easy_setopt(). When the client passes NULL for CURLOPT_READFUNCTION or
 * CURLOPT_WRITEFUNCTION we install small trampolines that call the agent's own exported member
 * functions readData()/writeData(); the userdata libcurl hands them is the agent object already.
 * Every other option goes through unchanged.
 *
 * The Coffer interop tests compile this once per test run:
 *   gcc -shared -fPIC -O2 -o libcoffer_curlfix.so coffer_curlfix.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

/* libcurl: CURLOPTTYPE_FUNCTIONPOINT (20000) + 11 / + 12 */
enum { COFFER_CURLOPT_WRITEFUNCTION = 20011, COFFER_CURLOPT_READFUNCTION = 20012 };

/* size_t SyncEvo::CurlTransportAgent::readData(void *buffer, size_t size) and writeData(...) */
#define AGENT_READ_SYMBOL "_ZN7SyncEvo18CurlTransportAgent8readDataEPvm"
#define AGENT_WRITE_SYMBOL "_ZN7SyncEvo18CurlTransportAgent9writeDataEPvm"

typedef size_t (*agent_member_fn)(void *agent, void *buffer, size_t size);
typedef int (*real_setopt_fn)(void *handle, int option, ...);

static agent_member_fn agent_read;
static agent_member_fn agent_write;

static agent_member_fn lookup(const char *symbol)
{
    agent_member_fn fn = (agent_member_fn)dlsym(RTLD_DEFAULT, symbol);
    if (fn == NULL) {
        fprintf(stderr, "coffer_curlfix: symbol %s not found; is this Debian's syncevolution 2.0.0?\n", symbol);
        abort();
    }
    return fn;
}

static size_t read_trampoline(char *buffer, size_t size, size_t count, void *agent)
{
    return agent_read(agent, buffer, size * count);
}

static size_t write_trampoline(char *buffer, size_t size, size_t count, void *agent)
{
    return agent_write(agent, buffer, size * count);
}

int curl_easy_setopt(void *handle, int option, ...)
{
    static real_setopt_fn real_setopt;
    va_list args;
    void *value;

    if (real_setopt == NULL)
        real_setopt = (real_setopt_fn)dlsym(RTLD_NEXT, "curl_easy_setopt");

    /* On LP64 (x86_64, aarch64) every curl option value - long, curl_off_t, pointer or function
     * pointer - travels in one 64-bit slot, so reading it as a pointer and passing it on is exact. */
    va_start(args, option);
    value = va_arg(args, void *);
    va_end(args);

    /* Resolve the member functions when we substitute, so a mismatch fails before any transfer. */
    if (value == NULL && option == COFFER_CURLOPT_READFUNCTION) {
        if (agent_read == NULL)
            agent_read = lookup(AGENT_READ_SYMBOL);
        value = (void *)read_trampoline;
    } else if (value == NULL && option == COFFER_CURLOPT_WRITEFUNCTION) {
        if (agent_write == NULL)
            agent_write = lookup(AGENT_WRITE_SYMBOL);
        value = (void *)write_trampoline;
    }

    return real_setopt(handle, option, value);
}
