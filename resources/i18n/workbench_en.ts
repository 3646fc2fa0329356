<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>FollowUpPanel</name>
    <message numerus="yes">
        <source>%n customer(s) without an HQ country</source>
        <extracomment>(action, text) of each open question shown, for tests and screen readers.</extracomment>
        <translation>
            <numerusform>%n customer without an HQ country</numerusform>
            <numerusform>%n customers without an HQ country</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) with an HQ country only inferred from their fabs</source>
        <translation>
            <numerusform>%n customer with an HQ country only inferred from its fabs</numerusform>
            <numerusform>%n customers with an HQ country only inferred from their fabs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n equipment model(s) with category unknown (%1 machines)</source>
        <translation>
            <numerusform>%n equipment model with category unknown (%1 machines)</numerusform>
            <numerusform>%n equipment models with category unknown (%1 machines)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer or fab name(s) not screened against the restricted-party lists</source>
        <translation>
            <numerusform>%n customer or fab name not screened against the restricted-party lists</numerusform>
            <numerusform>%n customer or fab names not screened against the restricted-party lists</numerusform>
        </translation>
    </message>
</context>
</TS>
