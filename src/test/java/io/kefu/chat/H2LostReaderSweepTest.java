package io.kefu.chat;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.kefu.testing.BackgroundWorkOff;
import io.kefu.testing.H2Database;

/** The lost-reader sweep on the embedded default database (H2). */
@H2Database("lost-reader-sweep")
@BackgroundWorkOff
@SpringBootTest(properties = {"kefu.ocr.threads=2", "kefu.ocr.sweep-interval=PT1H"})
@Import(LostReaderSweep.Recognizer.class)
class H2LostReaderSweepTest extends LostReaderSweep {
}
