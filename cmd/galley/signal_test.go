package main

import "os"

// interrupt is the signal Ctrl-C sends.
var interrupt = os.Interrupt
