"""Talks to the kernel over the Jupyter protocol (jupyter_client) and prints one line per check.
Run by KernelProtocolTest with /usr/bin/python3; exits 1 on the first failed check."""
import sys
import time
from jupyter_client.manager import KernelManager


def fail(msg):
    print("FAIL " + msg, flush=True)
    sys.exit(1)


km = KernelManager(kernel_name=sys.argv[1])
km.start_kernel()
kc = km.client()
kc.start_channels()
try:
    kc.wait_for_ready(timeout=120)
    outputs = []
    reply = kc.execute_interactive('System.out.println("hello");\n40 + 2', timeout=120,
                                   output_hook=lambda m: outputs.append(m))
    streams = "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")
    results = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
    if reply["content"]["status"] != "ok" or "hello" not in streams or results != ["42"]:
        fail(f"execute: {reply['content']} {streams!r} {results}")
    print("ok execute", flush=True)

    outputs.clear()
    kc.execute_interactive('var c = new XYChartBuilder().width(200).height(100).build();\n'
                           'c.addSeries("s", new double[] {1, 2}, new double[] {2, 1});\ndisplay(c);', timeout=120,
                           output_hook=lambda m: outputs.append(m))
    if not any(m["msg_type"] == "display_data" and "image/png" in m["content"]["data"] for m in outputs):
        fail("display(chart) did not publish image/png")
    print("ok display", flush=True)

    outputs.clear()
    reply = kc.execute_interactive('int x = nope;', timeout=120, output_hook=lambda m: outputs.append(m))
    errors = [m["content"] for m in outputs if m["msg_type"] == "error"]
    if reply["content"]["status"] != "error" or not errors or errors[0]["ename"] != "CompileError":
        fail(f"error: {reply['content']} {errors}")
    print("ok error " + errors[0]["evalue"], flush=True)

    c = kc.complete("Audio.rea", 9, reply=True, timeout=60)["content"]
    if not any(m.startswith("read(") for m in c["matches"]):
        fail(f"complete: {c}")
    print("ok complete", flush=True)

    ic_id = kc.is_complete("for (int i = 0; i < 3; i++) {")
    while True:
        m = kc.get_shell_msg(timeout=60)
        if m["parent_header"].get("msg_id") == ic_id:
            ic = m["content"]
            break
    if ic["status"] != "incomplete":
        fail(f"is_complete: {ic}")
    print("ok is_complete", flush=True)

    msg_id = kc.execute("Thread.sleep(120_000);")
    time.sleep(2)
    t0 = time.time()
    km.interrupt_kernel()
    ename = None
    while True:
        m = kc.get_iopub_msg(timeout=60)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "error":
            ename = m["content"]["ename"]
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
    if ename != "Interrupted" or time.time() - t0 > 30:
        fail(f"interrupt: {ename} after {time.time() - t0:.1f} s")
    print(f"ok interrupt {time.time() - t0:.1f} s", flush=True)

    outputs.clear()
    kc.execute_interactive("1 + 1", timeout=120, output_hook=lambda m: outputs.append(m))
    if not any(m["msg_type"] == "execute_result" and m["content"]["data"]["text/plain"] == "2" for m in outputs):
        fail("the kernel did not go on after the interrupt")
    print("ok after interrupt", flush=True)
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
