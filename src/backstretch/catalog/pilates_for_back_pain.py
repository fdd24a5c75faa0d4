"""Pilates for Back Pain: three stretches that ease tension in the lower back.

Each stretch is a value of its own, to reuse in custom routines as it is or varied with
``attrs.evolve``. Where the source article gives no duration, the choice and the reason sit in a
comment beside it.
"""

from __future__ import annotations

import attrs

from .._kinds import Side
from .._model import (
    Break,
    Caution,
    Hold,
    Modification,
    PerSide,
    Reps,
    Routine,
    Step,
    Stretch,
)
from .._time import between, minutes, seconds

__all__ = ["NAME", "TRANSLATIONS", "childs_pose", "legs_up_a_wall", "lunges", "routine"]

NAME = "pilates-for-back-pain"

legs_up_a_wall = Stretch(
    "Legs Up A Wall",
    [
        Step("Sit facing a wall and shuffle your seat in as close to it as you can."),
        Step("Lie back on the floor and let your legs rest straight up along the wall."),
        # The article gives no time; a few minutes lets leg and hip muscles fully let go. It warns
        # against staying still too long, so breaks keep every unbroken part to two minutes or less.
        Hold(
            between(minutes(3), minutes(6)),
            text="Rest your legs on the wall and let your legs and hips go completely soft",
            cue="Feel the weight of your legs sink down into your hip sockets",
            breaks=Break(
                "Bend your knees towards you, then stretch your legs back up the wall",
                every=minutes(2),
                duration=seconds(20),
            ),
        ),
    ],
    purpose=(
        "Relaxing the legs and hips completely lets the weight of the legs settle into the hip "
        "sockets, and that lets the muscles of the lower back release."
    ),
    targets=["lower back", "hips", "hamstrings"],
    props=["a wall"],
    cautions=[
        Caution(
            "Do not stay up the wall too long without a break: bend and stretch your knees every "
            "couple of minutes, or your legs may fall asleep."
        ),
    ],
    modifications=[
        Modification(
            "Keep your knees a little bent; that is perfectly fine.",
            when="tight hamstrings stop your legs from straightening all the way",
        ),
    ],
)

childs_pose = Stretch(
    "Child's Pose",
    [
        Step("Kneel on all fours on an exercise mat or a carpeted floor."),
        Step(
            "Lower your seat back towards your heels and let your upper body rest on your thighs."
        ),
        Step(
            "Stretch your arms out in front of you or lay them along your sides, and rest your "
            "forehead lightly on the mat."
        ),
        Step("When you feel settled, bring your attention to your breathing."),
        # The article gives no time; one to three minutes is long enough for the breath work to
        # relax the back without the knees and ankles stiffening.
        Hold(
            between(minutes(1), minutes(3)),
            text="Rest in the pose and breathe",
            cue=(
                "Each time you breathe out, picture your muscles letting go and the tension "
                "melting away"
            ),
        ),
    ],
    purpose="A very restful position that gives the muscles of the back a break.",
    targets=["back"],
    props=["an exercise mat or a carpeted floor"],
    cautions=[
        Caution("Leave this pose out if you have knee problems.", conditions=["knee"]),
    ],
    modifications=[
        Modification(
            "Sit on a yoga block, or prop yourself up on a folded blanket.",
            when=("you cannot sit all the way back onto your heels (often a sign of tight glutes)"),
            props=["yoga block", "blanket"],
        ),
    ],
)

lunges = Stretch(
    "Lunges",
    [
        # The article leads with the right foot, so the right side goes first.
        PerSide(
            [
                Step(
                    "Stand with your feet close together, then take a big step forward with "
                    "your {side} foot."
                ),
                Step("Keep the back leg straight and reach your {other} heel towards the floor."),
                Step("Bend your front knee until it sits right above your ankle."),
                Step(
                    "Gently press the front of your {other} hip forward, keeping your pelvis "
                    "square, until you feel the stretch."
                ),
                Step(
                    "At the same time, lengthen through the back leg and ease the heel towards "
                    "the floor."
                ),
                Hold(between(seconds(30), seconds(60)), text="Hold the lunge, {side} foot forward"),
            ],
            first=Side.RIGHT,
        ),
        Step("Now alternate lunges at a quicker pace, coming back to standing between each one."),
        # The article gives no count or pace; 5 to 10 on each side at 4 s each is brisk yet leaves
        # time to return to a neutral standing position between reps.
        Reps(
            between(5, 10),
            "Lunge forward with your {side} foot, then step back to standing tall",
            tempo=seconds(4),
            alternate=True,
        ),
    ],
    purpose=(
        "A more active stretch that releases the muscles at the front of the hip. Tight hip "
        "flexors can tip the pelvis forward and deepen the curve of the lower back."
    ),
    targets=["hip flexors", "lower back"],
)

routine = Routine(
    "Pilates for Back Pain",
    [legs_up_a_wall, childs_pose, lunges],
    intro=(
        "Strengthening your core matters for a healthy back, but it takes time. For quicker "
        "relief, these simple stretches ease the tension that builds up in the lower back."
    ),
    outro=(
        "To help keep back pain from coming back, work on strengthening your core. The author of "
        "the original routine also recommends acupuncture."
    ),
    # Ten seconds to get out of one position and into the next.
    rest_between=seconds(10),
    safety_note=(
        "Stop if pain increases or spreads, and ask a doctor or physiotherapist about back pain "
        "that persists."
    ),
)

#: The routine's texts in German and Spanish (``Routine.translations``). To reuse these stretches in
#: a routine of your own in those languages, give it these translations too.
TRANSLATIONS = {
    "de": {
        "Pilates for Back Pain": "Pilates gegen Rückenschmerzen",
        "Legs Up A Wall": "Beine an die Wand",
        "Sit facing a wall and shuffle your seat in as close to it as you can.": (
            "Setz dich mit dem Gesicht zu einer Wand und rutsche mit dem Gesäß so nah heran, "
            "wie du kannst."
        ),
        "Lie back on the floor and let your legs rest straight up along the wall.": (
            "Leg dich mit dem Rücken auf den Boden und lass die Beine gestreckt an der Wand "
            "nach oben ruhen."
        ),
        "Rest your legs on the wall and let your legs and hips go completely soft": (
            "Lass die Beine an der Wand ruhen, Beine und Hüften ganz weich und locker"
        ),
        "Feel the weight of your legs sink down into your hip sockets": (
            "Spür, wie das Gewicht deiner Beine in die Hüftgelenke sinkt"
        ),
        "Bend your knees towards you, then stretch your legs back up the wall": (
            "Zieh die Knie zu dir heran und streck die Beine dann wieder an der Wand hoch"
        ),
        "Relaxing the legs and hips completely lets the weight of the legs settle into the hip "
        "sockets, and that lets the muscles of the lower back release.": (
            "Wenn Beine und Hüften ganz entspannen, sinkt das Gewicht der Beine in die "
            "Hüftgelenke, und die Muskeln des unteren Rückens können loslassen."
        ),
        "lower back": "unterer Rücken",
        "hips": "Hüften",
        "hamstrings": "hintere Oberschenkel",
        "a wall": "eine Wand",
        "Do not stay up the wall too long without a break: bend and stretch your knees every "
        "couple of minutes, or your legs may fall asleep.": (
            "Bleib nicht zu lange ohne Unterbrechung an der Wand: Beuge und streck die Knie alle "
            "paar Minuten, sonst können dir die Beine einschlafen."
        ),
        "Keep your knees a little bent; that is perfectly fine.": (
            "Lass die Knie etwas gebeugt; das ist völlig in Ordnung."
        ),
        "tight hamstrings stop your legs from straightening all the way": (
            "verkürzte hintere Oberschenkel die Beine nicht ganz strecken lassen"
        ),
        "Child's Pose": "Kindhaltung",
        "Kneel on all fours on an exercise mat or a carpeted floor.": (
            "Geh auf einer Übungsmatte oder einem Teppichboden in den Vierfüßlerstand."
        ),
        "Lower your seat back towards your heels and let your upper body rest on your thighs.": (
            "Senk das Gesäß nach hinten zu den Fersen und lass den Oberkörper auf den "
            "Oberschenkeln ruhen."
        ),
        "Stretch your arms out in front of you or lay them along your sides, and rest your "
        "forehead lightly on the mat.": (
            "Streck die Arme nach vorn aus oder leg sie seitlich neben den Körper, und leg die "
            "Stirn leicht auf der Matte ab."
        ),
        "When you feel settled, bring your attention to your breathing.": (
            "Wenn du angekommen bist, richte deine Aufmerksamkeit auf deinen Atem."
        ),
        "Rest in the pose and breathe": "Ruh dich in der Haltung aus und atme",
        "Each time you breathe out, picture your muscles letting go and the tension melting away": (
            "Stell dir bei jedem Ausatmen vor, wie deine Muskeln loslassen und die Spannung "
            "dahinschmilzt"
        ),
        "A very restful position that gives the muscles of the back a break.": (
            "Eine sehr erholsame Haltung, die den Rückenmuskeln eine Pause gönnt."
        ),
        "back": "Rücken",
        "an exercise mat or a carpeted floor": "eine Übungsmatte oder einen Teppichboden",
        "Leave this pose out if you have knee problems.": (
            "Lass diese Haltung aus, wenn du Knieprobleme hast."
        ),
        "Sit on a yoga block, or prop yourself up on a folded blanket.": (
            "Setz dich auf einen Yogablock oder stütz dich auf einer gefalteten Decke ab."
        ),
        "you cannot sit all the way back onto your heels (often a sign of tight glutes)": (
            "du dich nicht ganz auf die Fersen zurücksetzen kannst (oft ein Zeichen für einen "
            "verspannten Gesäßmuskel)"
        ),
        "yoga block": "Yogablock",
        "blanket": "Decke",
        "Lunges": "Ausfallschritte",
        "Stand with your feet close together, then take a big step forward with your {side} "
        "foot.": (
            "Stell dich mit eng zusammenstehenden Füßen hin und mach dann mit dem "
            "{side|linken|rechten} Fuß einen großen Schritt nach vorn."
        ),
        "Keep the back leg straight and reach your {other} heel towards the floor.": (
            "Halte das hintere Bein gestreckt und schieb die {other|linke|rechte} Ferse zum Boden."
        ),
        "Bend your front knee until it sits right above your ankle.": (
            "Beug das vordere Knie, bis es genau über dem Knöchel steht."
        ),
        "Gently press the front of your {other} hip forward, keeping your pelvis square, until "
        "you feel the stretch.": (
            "Schieb die Vorderseite der {other|linken|rechten} Hüfte sanft nach vorn, das Becken "
            "gerade, bis du die Dehnung spürst."
        ),
        "At the same time, lengthen through the back leg and ease the heel towards the floor.": (
            "Streck dabei das hintere Bein lang und bring die Ferse behutsam zum Boden."
        ),
        "Hold the lunge, {side} foot forward": (
            "Halte den Ausfallschritt, {side|linker|rechter} Fuß vorn"
        ),
        "Now alternate lunges at a quicker pace, coming back to standing between each one.": (
            "Mach jetzt abwechselnd Ausfallschritte in schnellerem Tempo und komm zwischen "
            "jedem wieder in den Stand."
        ),
        "Lunge forward with your {side} foot, then step back to standing tall": (
            "Ausfallschritt mit dem {side|linken|rechten} Fuß nach vorn, dann zurück in den "
            "aufrechten Stand"
        ),
        "A more active stretch that releases the muscles at the front of the hip. Tight hip "
        "flexors can tip the pelvis forward and deepen the curve of the lower back.": (
            "Eine aktivere Dehnung, die die Muskeln vorn an der Hüfte löst. Verkürzte "
            "Hüftbeuger können das Becken nach vorn kippen und das Hohlkreuz verstärken."
        ),
        "hip flexors": "Hüftbeuger",
        "Strengthening your core matters for a healthy back, but it takes time. For quicker "
        "relief, these simple stretches ease the tension that builds up in the lower back.": (
            "Eine starke Körpermitte ist wichtig für einen gesunden Rücken, aber das braucht "
            "Zeit. Schneller helfen diese einfachen Dehnungen: Sie lösen die Spannung, die sich "
            "im unteren Rücken aufbaut."
        ),
        "To help keep back pain from coming back, work on strengthening your core. The author "
        "of the original routine also recommends acupuncture.": (
            "Damit die Rückenschmerzen nicht wiederkommen, stärke deine Körpermitte. Die "
            "Autorin der ursprünglichen Routine empfiehlt außerdem Akupunktur."
        ),
        "Stop if pain increases or spreads, and ask a doctor or physiotherapist about back pain "
        "that persists.": (
            "Hör auf, wenn der Schmerz zunimmt oder ausstrahlt, und frag bei anhaltenden "
            "Rückenschmerzen eine Ärztin, einen Arzt oder eine Physiotherapeutin."
        ),
    },
    "es": {
        "Pilates for Back Pain": "Pilates para el dolor de espalda",
        "Legs Up A Wall": "Piernas en la pared",
        "Sit facing a wall and shuffle your seat in as close to it as you can.": (
            "Siéntate de cara a una pared y acerca los glúteos a ella todo lo que puedas."
        ),
        "Lie back on the floor and let your legs rest straight up along the wall.": (
            "Túmbate boca arriba en el suelo y deja que las piernas descansen rectas hacia "
            "arriba, apoyadas en la pared."
        ),
        "Rest your legs on the wall and let your legs and hips go completely soft": (
            "Apoya las piernas en la pared y deja las piernas y las caderas totalmente sueltas"
        ),
        "Feel the weight of your legs sink down into your hip sockets": (
            "Siente cómo el peso de las piernas se hunde en las articulaciones de la cadera"
        ),
        "Bend your knees towards you, then stretch your legs back up the wall": (
            "Dobla las rodillas hacia ti y luego vuelve a estirar las piernas pared arriba"
        ),
        "Relaxing the legs and hips completely lets the weight of the legs settle into the hip "
        "sockets, and that lets the muscles of the lower back release.": (
            "Al relajar del todo las piernas y las caderas, su peso se asienta en las "
            "articulaciones de la cadera, y eso permite que los músculos de la zona lumbar se "
            "suelten."
        ),
        "lower back": "zona lumbar",
        "hips": "caderas",
        "hamstrings": "isquiotibiales",
        "a wall": "una pared",
        "Do not stay up the wall too long without a break: bend and stretch your knees every "
        "couple of minutes, or your legs may fall asleep.": (
            "No te quedes demasiado tiempo en la pared sin pausa: dobla y estira las rodillas "
            "cada par de minutos, o se te pueden dormir las piernas."
        ),
        "Keep your knees a little bent; that is perfectly fine.": (
            "Mantén las rodillas un poco dobladas; no pasa nada."
        ),
        "tight hamstrings stop your legs from straightening all the way": (
            "unos isquiotibiales tensos no te dejan estirar del todo las piernas"
        ),
        "Child's Pose": "Postura del niño",
        "Kneel on all fours on an exercise mat or a carpeted floor.": (
            "Ponte a cuatro patas sobre una esterilla o un suelo con alfombra."
        ),
        "Lower your seat back towards your heels and let your upper body rest on your thighs.": (
            "Lleva los glúteos hacia atrás, hacia los talones, y deja que el tronco descanse "
            "sobre los muslos."
        ),
        "Stretch your arms out in front of you or lay them along your sides, and rest your "
        "forehead lightly on the mat.": (
            "Estira los brazos hacia delante o déjalos a los lados del cuerpo, y apoya la frente "
            "suavemente en la esterilla."
        ),
        "When you feel settled, bring your attention to your breathing.": (
            "Cuando te sientas asentado, lleva la atención a tu respiración."
        ),
        "Rest in the pose and breathe": "Descansa en la postura y respira",
        "Each time you breathe out, picture your muscles letting go and the tension melting away": (
            "Cada vez que sueltes el aire, imagina que tus músculos se relajan y la tensión se "
            "deshace"
        ),
        "A very restful position that gives the muscles of the back a break.": (
            "Una postura muy reparadora que da un descanso a los músculos de la espalda."
        ),
        "back": "espalda",
        "an exercise mat or a carpeted floor": "una esterilla o un suelo con alfombra",
        "Leave this pose out if you have knee problems.": (
            "Omite esta postura si tienes problemas de rodilla."
        ),
        "Sit on a yoga block, or prop yourself up on a folded blanket.": (
            "Siéntate sobre un bloque de yoga o apóyate en una manta doblada."
        ),
        "you cannot sit all the way back onto your heels (often a sign of tight glutes)": (
            "no puedes sentarte del todo sobre los talones (suele ser señal de glúteos tensos)"
        ),
        "yoga block": "bloque de yoga",
        "blanket": "manta",
        "Lunges": "Zancadas",
        "Stand with your feet close together, then take a big step forward with your {side} "
        "foot.": (
            "Ponte de pie con los pies juntos y da un paso largo hacia delante con el pie "
            "{side|izquierdo|derecho}."
        ),
        "Keep the back leg straight and reach your {other} heel towards the floor.": (
            "Mantén recta la pierna de atrás y lleva el talón {other|izquierdo|derecho} hacia el "
            "suelo."
        ),
        "Bend your front knee until it sits right above your ankle.": (
            "Dobla la rodilla de delante hasta que quede justo encima del tobillo."
        ),
        "Gently press the front of your {other} hip forward, keeping your pelvis square, until "
        "you feel the stretch.": (
            "Empuja suavemente hacia delante la parte frontal de la cadera "
            "{other|izquierda|derecha}, con la pelvis recta, hasta que notes el estiramiento."
        ),
        "At the same time, lengthen through the back leg and ease the heel towards the floor.": (
            "A la vez, alarga la pierna de atrás y acerca con cuidado el talón al suelo."
        ),
        "Hold the lunge, {side} foot forward": (
            "Mantén la zancada, pie {side|izquierdo|derecho} delante"
        ),
        "Now alternate lunges at a quicker pace, coming back to standing between each one.": (
            "Ahora alterna zancadas a un ritmo más rápido, volviendo a ponerte de pie entre "
            "una y otra."
        ),
        "Lunge forward with your {side} foot, then step back to standing tall": (
            "Zancada hacia delante con el pie {side|izquierdo|derecho}; luego vuelve a ponerte "
            "de pie, bien erguido"
        ),
        "A more active stretch that releases the muscles at the front of the hip. Tight hip "
        "flexors can tip the pelvis forward and deepen the curve of the lower back.": (
            "Un estiramiento más activo que suelta los músculos de la parte delantera de la "
            "cadera. Unos flexores de cadera tensos pueden inclinar la pelvis hacia delante y "
            "acentuar la curva lumbar."
        ),
        "hip flexors": "flexores de cadera",
        "Strengthening your core matters for a healthy back, but it takes time. For quicker "
        "relief, these simple stretches ease the tension that builds up in the lower back.": (
            "Fortalecer el core es importante para una espalda sana, pero lleva tiempo. Para un "
            "alivio más rápido, estos estiramientos sencillos alivian la tensión que se acumula "
            "en la zona lumbar."
        ),
        "To help keep back pain from coming back, work on strengthening your core. The author "
        "of the original routine also recommends acupuncture.": (
            "Para que el dolor de espalda no vuelva, trabaja en fortalecer el core. La autora de "
            "la rutina original también recomienda la acupuntura."
        ),
        "Stop if pain increases or spreads, and ask a doctor or physiotherapist about back pain "
        "that persists.": (
            "Detente si el dolor aumenta o se extiende, y consulta a un médico o fisioterapeuta "
            "si el dolor de espalda persiste."
        ),
    },
}

routine = attrs.evolve(routine, translations=TRANSLATIONS)
