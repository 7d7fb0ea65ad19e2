java.lang.Runtime.getRuntime().exec("id")
