#ifndef NETPOL_CLIBEDIT_SHIM_H
#define NETPOL_CLIBEDIT_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <histedit.h>
#endif
