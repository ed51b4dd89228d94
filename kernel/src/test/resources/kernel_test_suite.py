"""Jupyter's own kernel test suite (jupyter_kernel_test) run against the workbench kernel.

Usage: /usr/bin/python3 kernel_test_suite.py KERNEL_NAME
"""
import sys
import unittest

import jupyter_kernel_test as jkt

KERNEL = sys.argv.pop(1) if len(sys.argv) > 1 else "mastering-workbench"


class WorkbenchKernelTests(jkt.KernelTests):
    kernel_name = KERNEL
    language_name = "java"
    file_extension = ".jshell"
    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'
    completion_samples = [{"text": "Math.ma", "matches": {"max("}}]
    complete_code_samples = ["1 + 1", "int x = 1;", "for (int i = 0; i < 2; i++) { x += i; }"]
    incomplete_code_samples = ["for (int i = 0; i < 2; i++) {", "int y = 1 +"]
    invalid_code_samples = ["int 1x = );"]
    code_generate_error = "throw new IllegalStateException(\"on purpose\");"
    code_execute_result = [{"code": "6 * 7", "result": "42"}]
    code_display_data = [{"code": "display(Table.create(\"t\"))", "mime": "text/html"}]
    code_history_pattern = "6 * ?"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.max"


if __name__ == "__main__":
    unittest.main(verbosity=2)
