/*
 * A stand-in for Windows' bcryptprimitives.dll, for the Wine test only (never packaged).
 *
 * Rust's standard library gets random bytes on Windows 10 and later from ProcessPrng in
 * bcryptprimitives.dll. Windows has it; Wine 8.0 (Debian 12) does not, so motebok.exe would
 * not start under it. packaging/test-windows.sh compiles this file with MinGW into the Wine
 * prefix: ProcessPrng answered by RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 */
#include <windows.h>

BOOLEAN NTAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
